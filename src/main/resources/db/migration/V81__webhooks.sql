-- Outbound webhooks: endpoints (secrets AES-GCM encrypted), the event types each subscribes to,
-- the events as they are sent, one delivery per event and endpoint, and every attempt of a delivery.
create table webhook_endpoint (
    id                        varchar(40)   not null primary key,
    url                       varchar(2048) not null,
    enabled                   boolean       not null,
    disabled_reason           varchar(200),
    secret                    varchar(200)  not null,
    previous_secret           varchar(200),
    previous_secret_expires_at timestamp with time zone,
    created_at                timestamp with time zone not null,
    updated_at                timestamp with time zone not null,
    deleted_at                timestamp with time zone
);
create index webhook_endpoint_created_idx on webhook_endpoint (created_at);

create table webhook_subscription (
    endpoint_id varchar(40)  not null references webhook_endpoint (id),
    event_type  varchar(100) not null,
    primary key (endpoint_id, event_type)
);
create index webhook_subscription_type_idx on webhook_subscription (event_type);

create table webhook_event (
    id         varchar(40)  not null primary key,
    type       varchar(100) not null,
    -- SHA-256 of the type and data: a publication handed to the listener again is recognised
    dedupe_key varchar(64)  not null,
    body       varchar      not null,
    created_at timestamp with time zone not null
);
create unique index webhook_event_dedupe_idx on webhook_event (dedupe_key);

create table webhook_delivery (
    id               varchar(40) not null primary key,
    endpoint_id      varchar(40) not null references webhook_endpoint (id),
    event_id         varchar(40) not null references webhook_event (id),
    redelivery_of    varchar(40),
    status           varchar(12) not null,
    attempts         int         not null,
    next_attempt_at  timestamp with time zone,
    claimed_at       timestamp with time zone,
    last_status_code int,
    last_error       varchar(500),
    created_at       timestamp with time zone not null,
    delivered_at     timestamp with time zone
);
create index webhook_delivery_due_idx on webhook_delivery (status, next_attempt_at);
create index webhook_delivery_endpoint_idx on webhook_delivery (endpoint_id, created_at);

create table webhook_attempt (
    delivery_id     varchar(40) not null references webhook_delivery (id),
    number          int         not null,
    started_at      timestamp with time zone not null,
    duration_ms     bigint      not null,
    status_code     int,
    error           varchar(500),
    next_attempt_at timestamp with time zone,
    primary key (delivery_id, number)
);
