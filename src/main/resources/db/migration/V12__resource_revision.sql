-- Every change of a resource row that an environment's view shows (its state, id, attributes) takes the
-- next number of one sequence, so the greatest of an environment's rows changes with each: with the
-- environment's version and drift check, it tells whether the view changed since a client last read it
-- (GET's ETag), without reading the rows. Looks and retry times do not take a number: the view shows neither.
create sequence resource_revision;
alter table resource add column revision bigint not null default 0;
