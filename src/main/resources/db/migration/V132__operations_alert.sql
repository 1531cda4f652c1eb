-- Operations alerts: a payment or an operation on it whose outcome the acquirer has not told us
-- 24 hours after the attempt. Raised once per subject; resolved when the reconciler settles it.
create table operations_alert (
    id          varchar(40)  not null primary key,
    kind        varchar(40)  not null,
    subject_id  varchar(40)  not null,
    payment_id  varchar(40)  not null,
    message     varchar(500) not null,
    created_at  timestamp with time zone not null,
    resolved_at timestamp with time zone
);
create unique index operations_alert_subject_uq on operations_alert (kind, subject_id);
create index operations_alert_open_idx on operations_alert (resolved_at, created_at);
