-- Every environment belongs to the team that created it; null for one created by an admin of every team
-- (and for those created before teams), which only admins see.
alter table environment add column team varchar(64);
create index environment_team_idx on environment (team, created_at, id);

-- An Idempotency-Key is the caller's team's own: kept as "<team>:<key>" (team names have no ':'; "" for no
-- team), so another team's key neither replays nor reveals an environment.
alter table environment alter column idempotency_key set data type varchar(330);
update environment set idempotency_key = ':' || idempotency_key where idempotency_key is not null;

-- Who asked for what an event records; null for what the engine does on its own.
alter table environment_event add column actor varchar(200);
