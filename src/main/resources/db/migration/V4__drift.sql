-- The drift check of an environment. Written by their own statements, not by a save of the environment:
-- a check does not change the environment's version (its ETag).
-- a check asked for and not made yet, and whether it repairs what it finds whatever the drift policy
alter table environment add column drift_check_requested_at timestamp with time zone;
alter table environment add column drift_repair_requested boolean not null default false;
-- when the last check (or a convergence, which observes everything too) finished, and what it found (JSON)
alter table environment add column drift_checked_at timestamp with time zone;
alter table environment add column drift text;
