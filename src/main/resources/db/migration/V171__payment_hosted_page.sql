-- A LINK session whose pay link is a payment platform's hosted page (Stripe Checkout): the page, the payment id
-- it will be recorded under, and when the reconciler asks the platform about it if no webhook said first.
create table payment_hosted_page (
    session_id     varchar(40)  not null primary key,
    payment_id     varchar(40)  not null,
    provider       varchar(20)  not null,
    page_id        varchar(255) not null,
    url            varchar(1000) not null,
    -- OPEN until the platform says PAID or EXPIRED
    status         varchar(10)  not null,
    checks         int          not null default 0,
    next_check_at  timestamp with time zone,
    expires_at     timestamp with time zone not null,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null
);
create unique index payment_hosted_page_page_uq on payment_hosted_page (page_id);
create unique index payment_hosted_page_payment_uq on payment_hosted_page (payment_id);
create index payment_hosted_page_due_idx on payment_hosted_page (status, next_check_at);
