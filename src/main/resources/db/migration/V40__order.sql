-- Orders ("order" is a reserved word, and customer_order is the customer module's record of past orders).
-- Money is exact: minor units of the order's one currency. A confirmed order's lines and total never change.
create table sales_order (
    id                   varchar(40)  not null primary key,
    status               varchar(20)  not null,
    customer_id          varchar(40)  not null,
    -- the call the order was taken on, if any (the call module's id; no foreign key across modules)
    call_id              varchar(40),
    -- the agent who took it: a staff user id, or an integration key id
    agent_id             varchar(64)  not null,
    currency             varchar(3)   not null,
    total_minor          bigint       not null,
    -- where goods go; required when a line ships. Address lines are joined by a line feed.
    ship_recipient       varchar(100),
    ship_phone           varchar(20),
    ship_address         varchar(1000),
    ship_postal_code     varchar(12),
    ship_country         varchar(2),
    -- the confirmation on the call: who, when, on which call, and the summary read to the customer
    confirmed_at         timestamp with time zone,
    confirmed_by         varchar(64),
    confirmed_call_id    varchar(40),
    read_back            varchar,
    read_back_language   varchar(5),
    cancelled_at         timestamp with time zone,
    cancelled_by         varchar(64),
    cancel_reason        varchar(500),
    payment_id           varchar(40),
    paid_at              timestamp with time zone,
    refunded_at          timestamp with time zone,
    fulfilment_status    varchar(40),
    fulfilment_reference varchar(200),
    fulfilment_at        timestamp with time zone,
    created_by           varchar(64)  not null,
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    constraint sales_order_total_positive check (total_minor > 0)
);
create index sales_order_created_idx on sales_order (created_at, id);
create index sales_order_agent_idx on sales_order (agent_id, created_at);
create index sales_order_customer_idx on sales_order (customer_id, created_at);
create index sales_order_call_idx on sales_order (call_id);

-- The lines, priced when they were set: a later price change in the catalog does not touch them.
create table sales_order_line (
    order_id   varchar(40)  not null references sales_order (id),
    line_no    int          not null,
    sku        varchar(64)  not null,
    product_id varchar(40)  not null,
    name       varchar(200) not null,
    quantity   int          not null,
    unit_minor bigint       not null,
    line_minor bigint       not null,
    fulfilment varchar(10)  not null,
    primary key (order_id, line_no),
    constraint sales_order_line_quantity check (quantity between 1 and 10000)
);
