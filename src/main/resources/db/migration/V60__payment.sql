create table payment_session (
    id                 varchar(40)  not null primary key,
    order_id           varchar(40)  not null,
    customer_id        varchar(40)  not null,
    agent_id           varchar(40)  not null,
    channel            varchar(10)  not null,
    send_to            varchar(10),
    sent_to_address    varchar(320),
    -- SHA-256 of the pay link's token: the token itself is only in the link
    token_hash         varchar(64),
    status             varchar(12)  not null,
    amount_minor       bigint       not null,
    currency           varchar(3)   not null,
    expires_at         timestamp with time zone not null,
    declines           int          not null default 0,
    -- the attempt being processed now: a second submit meanwhile gets PENDING, never a second charge
    in_flight_payment  varchar(40),
    payment_id         varchar(40),
    step               varchar(20)  not null,
    progress           varchar(200),
    message_id         varchar(40),
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null
);
create unique index payment_session_token_uq on payment_session (token_hash);
create index payment_session_order_idx on payment_session (order_id);
create index payment_session_open_idx on payment_session (status, expires_at);

create table payment (
    id                 varchar(40)  not null primary key,
    session_id         varchar(40)  not null,
    order_id           varchar(40)  not null,
    customer_id        varchar(40)  not null,
    agent_id           varchar(40)  not null,
    status             varchar(20)  not null,
    currency           varchar(3)   not null,
    amount_minor       bigint       not null,
    captured_minor     bigint       not null default 0,
    refunded_minor     bigint       not null default 0,
    card_token         varchar(40)  not null,
    card_fingerprint   varchar(64)  not null,
    card_brand         varchar(20)  not null,
    card_bin           varchar(6)   not null,
    card_last4         varchar(4)   not null,
    card_exp_month     int          not null,
    card_exp_year      int          not null,
    decline_code       varchar(40),
    acquirer_reference varchar(64),
    risk_action        varchar(10)  not null,
    risk_score         int          not null,
    risk_reasons       varchar      not null,
    channel            varchar(10)  not null,
    client_ip          varchar(64),
    capture_requested  boolean      not null,
    reconcile_attempts int          not null default 0,
    next_reconcile_at  timestamp with time zone,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    version            int          not null default 0
);
create index payment_order_idx on payment (order_id);
create index payment_fingerprint_idx on payment (card_fingerprint, created_at);
create index payment_customer_idx on payment (customer_id, created_at);
create index payment_agent_idx on payment (agent_id, created_at);
create index payment_unknown_idx on payment (status, next_reconcile_at);
