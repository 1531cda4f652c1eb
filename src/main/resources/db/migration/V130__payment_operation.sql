-- Captures, voids, refunds and chargebacks of a payment, each recorded before the acquirer is asked
-- (status UNKNOWN) so a timeout or a crash leaves a row the reconciler resolves by its reference.
-- A refund above the approval threshold waits as PENDING_APPROVAL; it already counts against the
-- refundable amount, which is checked under the payment row's lock.
create table payment_operation (
    id                  varchar(40)  not null primary key,
    payment_id          varchar(40)  not null,
    kind                varchar(12)  not null,
    status              varchar(20)  not null,
    currency            varchar(3)   not null,
    amount_minor        bigint       not null,
    reason              varchar(500),
    decline_code        varchar(40),
    -- what the acquirer knows this operation by (the id, or the payment's id + ':sale' for a sale's capture)
    acquirer_reference  varchar(100) not null,
    requested_by        varchar(40)  not null,
    requested_by_name   varchar(100),
    decided_by          varchar(40),
    decided_by_name     varchar(100),
    decided_at          timestamp with time zone,
    decision_note       varchar(500),
    reconcile_attempts  int          not null default 0,
    next_reconcile_at   timestamp with time zone,
    attempted_at        timestamp with time zone,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null
);
create index payment_operation_payment_idx on payment_operation (payment_id, created_at);
create index payment_operation_status_idx on payment_operation (status, next_reconcile_at);
create unique index payment_operation_acquirer_uq on payment_operation (acquirer_reference);
