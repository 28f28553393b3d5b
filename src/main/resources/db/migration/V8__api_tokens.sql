-- plinth's own bearer tokens, for scripts and portals. The token itself is shown once, when it is minted,
-- and never kept: only its SHA-256, which the authentication looks up.
create table api_token (
    id           varchar(36)  primary key,
    name         varchar(64)  not null,
    -- the team whose environments it acts on; null only for an admin token of every team
    team         varchar(64),
    role         varchar(20)  not null,
    token_hash   varchar(64)  not null unique,
    created_by   varchar(200) not null,
    created_at   timestamp with time zone not null,
    expires_at   timestamp with time zone not null,
    last_used_at timestamp with time zone,
    revoked_at   timestamp with time zone
);
create index api_token_team_idx on api_token (team);
