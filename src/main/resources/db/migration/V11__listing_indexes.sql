-- The listing's filters, each with the keyset order (created_at desc, id desc) after it, so a page is read
-- from the index in order: by name (one environment, or a few with the same name over time), and by status
-- (which also serves the engine's lookups by status alone, so the single-column index goes).
create index environment_name_idx on environment (name, created_at, id);
create index environment_status_created_idx on environment (status, created_at, id);
drop index environment_status_idx;
