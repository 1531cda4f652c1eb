-- Events a payment platform sent Telepay (Stripe's webhooks), each kept once by its id so a replayed
-- delivery changes nothing. Only what Telepay read from the event is kept (ids, amounts, the outcome of
-- applying it), not the platform's payload with the cardholder's name and address.
create table gateway_event (
    provider          varchar(20)  not null,
    event_id          varchar(255) not null,
    type              varchar(100) not null,
    object_id         varchar(255),
    payment_reference varchar(64),
    summary           varchar(1000),
    status            varchar(20)  not null,
    detail            varchar(500),
    created_at        timestamp with time zone,
    received_at       timestamp with time zone not null,
    settled_at        timestamp with time zone,
    primary key (provider, event_id)
);
create index gateway_event_received_idx on gateway_event (received_at);
create index gateway_event_payment_idx on gateway_event (payment_reference);

-- Telepay's references as Stripe knows them: a payment's PaymentIntent once Stripe named it (the reconciler
-- asks by it; before that, by a metadata search), and each capture, void or refund sent for it, written
-- before the call so that its outcome can be asked for even when Stripe's answer was lost.
create table stripe_payment_intent (
    reference      varchar(64)  not null primary key,
    payment_intent varchar(255),
    capture_method varchar(20)  not null,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null
);
create unique index stripe_payment_intent_pi_uq on stripe_payment_intent (payment_intent);

create table stripe_operation (
    operation_reference varchar(100) not null primary key,
    reference           varchar(64)  not null,
    kind                varchar(10)  not null,
    amount_minor        bigint,
    stripe_id           varchar(255),
    outcome             varchar(10)  not null,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null
);
create index stripe_operation_reference_idx on stripe_operation (reference);
