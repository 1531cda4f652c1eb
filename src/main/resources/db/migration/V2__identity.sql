create table staff_user (
    id             varchar(40)  not null primary key,
    username       varchar(64)  not null,
    display_name   varchar(200) not null,
    role           varchar(20)  not null,
    team           varchar(64),
    password_hash  varchar(200) not null,
    enabled        boolean      not null default true,
    failed_logins  int          not null default 0,
    locked_until   timestamp with time zone,
    mfa_secret     varchar(200),
    mfa_enabled    boolean      not null default false,
    mfa_last_step  bigint,
    locale         varchar(10),
    created_at     timestamp with time zone not null
);
create unique index staff_user_username_uq on staff_user (username);
create index staff_user_team_idx on staff_user (team);

create table api_key (
    id           varchar(40)  not null primary key,
    name         varchar(100) not null,
    role         varchar(20)  not null,
    user_id      varchar(40) references staff_user (id),
    prefix       varchar(40)  not null,
    key_hash     varchar(64)  not null,
    created_at   timestamp with time zone not null,
    created_by   varchar(64)  not null,
    revoked_at   timestamp with time zone,
    last_used_at timestamp with time zone
);
create unique index api_key_hash_uq on api_key (key_hash);

-- one-time facts such as "the bootstrap token was used", so they never happen twice
create table identity_fact (
    name       varchar(64) not null primary key,
    created_at timestamp with time zone not null
);
