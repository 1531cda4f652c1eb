-- Idempotency-Key: one row per caller and key, claimed by the insert only one request can make.
-- request_hash is an HMAC-SHA256 of the body (keyed: a body may hold card data); the first response
-- (status, Content-Type and Location as JSON, body bytes) is kept for 24 hours and replayed.
create table idempotency_key (
    caller           varchar(64)   not null,
    idem_key         varchar(255)  not null,
    method           varchar(10)   not null,
    path             varchar       not null,
    request_hash     varchar(64)   not null,
    status           int,
    response_headers varchar(2000),
    response_body    bytea,
    created_at       timestamp with time zone not null,
    completed_at     timestamp with time zone,
    primary key (caller, idem_key)
);
create index idempotency_key_created_at_idx on idempotency_key (created_at);
