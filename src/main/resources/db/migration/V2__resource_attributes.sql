-- What a resource publishes for its dependents and for the outputs (endpoint, ARN, DNS name), as JSON.
alter table resource add column attributes text;
-- When the resource started waiting to become ready: the readiness timeout of its kind runs from here.
alter table resource add column waiting_since timestamp with time zone;
