-- The revision of the spec, counted apart from the row's version: a client's ETag names it, so the engine's
-- status moves do not make it stale. Existing rows start at their version, the ETag their clients hold.
alter table environment add column spec_revision bigint not null default 1;
update environment set spec_revision = version;
