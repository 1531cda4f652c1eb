create table fulfilment (
    id           varchar(40)  not null primary key,
    order_id     varchar(40)  not null,
    type         varchar(10)  not null,
    status       varchar(10)  not null,
    reference    varchar(100),
    created_at   timestamp with time zone not null,
    completed_at timestamp with time zone,
    completed_by varchar(64)
);
create unique index fulfilment_order_uq on fulfilment (order_id);
create index fulfilment_status_idx on fulfilment (status, id);
