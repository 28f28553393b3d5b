-- The spec before a change that removed resources, kept until they are deleted: it describes them for teardown.
alter table environment add column retired_spec text;
