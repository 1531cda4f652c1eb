-- The consumer's side (trust module): registered outbound numbers, call codes, fraud reports with their
-- evidence and chain of custody, and charge receipts with their "was this you?" tokens.

-- Numbers the company calls from. active_phone is the number while registered, null once removed: its
-- unique index keeps one live registration per number (H2 has no partial index).
create table trust_outbound_number (
    id            varchar(40)  not null primary key,
    phone         varchar(20)  not null,
    active_phone  varchar(20),
    label         varchar(200) not null,
    created_by    varchar(64)  not null,
    created_at    timestamp with time zone not null,
    removed_by    varchar(64),
    removed_at    timestamp with time zone
);
create unique index trust_outbound_number_active_uq on trust_outbound_number (active_phone);
create index trust_outbound_number_created_idx on trust_outbound_number (created_at, id);

-- Calls in progress as the call module announced them (CallStarted / CallEnded): who is on a call with
-- which customer right now, for "is one of your agents on the phone with me?".
create table trust_live_call (
    call_id      varchar(40) not null primary key,
    customer_id  varchar(40) not null,
    agent_id     varchar(40) not null,
    started_at   timestamp with time zone not null
);
create index trust_live_call_customer_idx on trust_live_call (customer_id);

-- The short code an agent gives the customer to prove the call is genuine. code_hash is an HMAC of the
-- code under a key derived from the application key (an 8-digit code's plain hash is found by trying
-- them all); code_sealed is the code AES-GCM encrypted, so the agent's screen can show it again.
create table trust_call_code (
    call_id      varchar(40) not null primary key,
    agent_id     varchar(40) not null,
    code_hash    varchar(64) not null,
    code_sealed  bytea       not null,
    issued_at    timestamp with time zone not null
);
create unique index trust_call_code_hash_uq on trust_call_code (code_hash);

-- Fraud reports from consumers. description holds the reporter's text as typed (redacted of card
-- numbers and codes), never interpreted as markup. contact is how to reach the reporter.
create table trust_report (
    id                   varchar(40)  not null primary key,
    status               varchar(20)  not null,
    source               varchar(10)  not null,
    caller_phone         varchar(20),
    description          varchar      not null,
    happened_at          timestamp with time zone,
    asked_for            varchar(300) not null,
    money_lost_minor     bigint,
    money_lost_currency  varchar(3),
    contact              varchar(320) not null,
    payment_id           varchar(40),
    received_at          timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    updated_by           varchar(64)
);
create index trust_report_received_idx on trust_report (received_at, id);
create index trust_report_status_idx on trust_report (status, received_at, id);

-- What a report concerns: CALL, AGENT, CUSTOMER, PAYMENT or CARD (a fingerprint). A link a reviewer
-- made has via = null; one derived from it (a payment's agent and card) names the link it came from.
create table trust_report_link (
    report_id   varchar(40)  not null,
    kind        varchar(10)  not null,
    target_id   varchar(64)  not null,
    via         varchar(80),
    linked_by   varchar(64)  not null,
    linked_at   timestamp with time zone not null,
    primary key (report_id, kind, target_id)
);
create index trust_report_link_target_idx on trust_report_link (kind, target_id);

-- Evidence files: AES-GCM encrypted (additional data: the evidence id), with the SHA-256 of the
-- plain file taken at intake. file_name is sanitized; media_type is detected from the content.
create table trust_evidence (
    id           varchar(40)  not null primary key,
    report_id    varchar(40)  not null,
    position     int          not null,
    file_name    varchar      not null,
    media_type   varchar(60)  not null,
    size_bytes   bigint       not null,
    sha256       varchar(64)  not null,
    sealed       bytea        not null,
    received_at  timestamp with time zone not null
);
create index trust_evidence_report_idx on trust_evidence (report_id, position);

-- Chain of custody: who received, opened, exported the evidence, and when; append-only.
create table trust_custody (
    id           varchar(40)  not null primary key,
    report_id    varchar(40)  not null,
    evidence_id  varchar(40)  not null,
    action       varchar(20)  not null,
    actor_id     varchar(64)  not null,
    actor_name   varchar(100) not null,
    origin       varchar(200),
    at           timestamp with time zone not null
);
create index trust_custody_report_idx on trust_custody (report_id, at, id);

-- A receipt per captured payment. token_hash is the SHA-256 of the link's token (the token is only in
-- the message sent to the customer). report_id is set when the cardholder said "not me".
create table trust_receipt (
    id                varchar(40)  not null primary key,
    token_hash        varchar(64)  not null,
    payment_id        varchar(40)  not null,
    order_id          varchar(40)  not null,
    customer_id       varchar(40)  not null,
    agent_id          varchar(40)  not null,
    agent_name        varchar(100) not null,
    amount_minor      bigint       not null,
    currency          varchar(3)   not null,
    card_brand        varchar(20)  not null,
    card_last4        varchar(4)   not null,
    card_fingerprint  varchar(64)  not null,
    captured_at       timestamp with time zone not null,
    expires_at        timestamp with time zone not null,
    report_id         varchar(40),
    disputed_at       timestamp with time zone
);
create unique index trust_receipt_token_uq on trust_receipt (token_hash);
create unique index trust_receipt_payment_uq on trust_receipt (payment_id);
create index trust_receipt_expires_idx on trust_receipt (expires_at);
