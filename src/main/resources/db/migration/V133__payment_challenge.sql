-- CHALLENGE: risk let the payment be authorized but not captured until the customer confirms it from
-- the registered phone. The link's token is kept only as its SHA-256; the link expires like a pay session.
create table payment_challenge (
    id           varchar(40) not null primary key,
    payment_id   varchar(40) not null,
    token_hash   varchar(64) not null,
    status       varchar(12) not null,
    message_id   varchar(40),
    expires_at   timestamp with time zone not null,
    answered_at  timestamp with time zone,
    created_at   timestamp with time zone not null
);
create unique index payment_challenge_token_uq on payment_challenge (token_hash);
create unique index payment_challenge_payment_uq on payment_challenge (payment_id);
