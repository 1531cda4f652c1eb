-- Customers: one row per person, found by their E.164 phone number.
create table customer (
    id                 varchar(40)  not null primary key,
    name               varchar      not null,
    phone              varchar(20)  not null,
    email              varchar,
    country            varchar(2),
    -- the agent (staff user id, or an integration key id) whose customer this is; null = only in the lead queue
    owner_id           varchar(40),
    marketing_consent  boolean      not null default false,
    consent_channel    varchar(20),
    consent_at         timestamp with time zone,
    do_not_call        boolean      not null default false,
    do_not_call_at     timestamp with time zone,
    do_not_call_reason varchar,
    order_count        int          not null default 0,
    last_order_at      timestamp with time zone,
    import_id          varchar(40),
    created_by         varchar(64)  not null,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null
);
-- the last word on "never a second copy": two requests racing with one number cannot both insert
create unique index customer_phone_uq on customer (phone);
create index customer_owner_idx on customer (owner_id, created_at);
create index customer_created_idx on customer (created_at, id);

-- Orders other modules told us about, once each: past orders are a lead-score factor.
create table customer_order (
    order_id    varchar(40)   not null primary key,
    customer_id varchar(40)   not null references customer (id),
    amount      numeric(19,4) not null,
    currency    varchar(3)    not null,
    recorded_at timestamp with time zone not null
);
create index customer_order_customer_idx on customer_order (customer_id);

-- A customer's place in the lead queue (at most one per customer).
create table lead (
    id               varchar(40) not null primary key,
    customer_id      varchar(40) not null references customer (id),
    source           varchar,
    campaign         varchar,
    import_id        varchar(40),
    status           varchar(20) not null,
    outcome          varchar(20),
    -- the one agent this lead may go to (its owner, or who promised the callback); null = any agent
    agent_id         varchar(40),
    callback_at      timestamp with time zone,
    -- handed out only once due; a reservation pushes it to the reservation's end
    available_at     timestamp with time zone not null,
    reserved_by      varchar(40),
    reserved_until   timestamp with time zone,
    attempts         int not null default 0,
    last_attempt_at  timestamp with time zone,
    last_disposition varchar(20),
    converted_at     timestamp with time zone,
    score            int not null default 0,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
create unique index lead_customer_uq on lead (customer_id);
create index lead_queue_idx on lead (status, score, available_at);
create index lead_agent_idx on lead (agent_id, status, callback_at);
create index lead_reserved_idx on lead (reserved_by, reserved_until);

-- Conversion so far per campaign and per source, kept up to date as calls and orders are recorded.
create table lead_stats (
    kind      varchar(20) not null,
    name      varchar     not null,
    leads     bigint      not null default 0,
    contacted bigint      not null default 0,
    converted bigint      not null default 0,
    primary key (kind, name)
);

-- CSV lead imports, run as jobs; the row survives a restart, the job does not (it is marked INTERRUPTED).
create table lead_import (
    id               varchar(40) not null primary key,
    file_name        varchar,
    status           varchar(20) not null,
    total_rows       int not null,
    processed_rows   int not null default 0,
    imported         int not null default 0,
    duplicates       int not null default 0,
    rejected         int not null default 0,
    do_not_call      int not null default 0,
    owner_id         varchar(40),
    default_source   varchar,
    default_campaign varchar,
    failure          varchar,
    requested_by     varchar(64) not null,
    requested_team   varchar(64),
    created_at       timestamp with time zone not null,
    started_at       timestamp with time zone,
    finished_at      timestamp with time zone,
    heartbeat_at     timestamp with time zone not null
);
create index lead_import_status_idx on lead_import (status);

create table lead_import_issue (
    import_id  varchar(40) not null references lead_import (id),
    row_number int         not null,
    field      varchar(20) not null,
    kind       varchar(20) not null,
    reason     varchar     not null,
    primary key (import_id, row_number, field)
);
