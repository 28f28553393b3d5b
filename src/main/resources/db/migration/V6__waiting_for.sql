-- What a resource that is not ready yet waits for, as its handler last read it from AWS (for example
-- "ECS service running 0/2 tasks, deployment IN_PROGRESS"); null when it waits for nothing.
alter table resource add column waiting_for text;
