-- Products. The price is exact: minor units of its currency (JPY 0 digits, TWD 2), never a float.
create table product (
    id          varchar(40)  not null primary key,
    sku         varchar(64)  not null,
    name        varchar(200) not null,
    description varchar(4000),
    price_minor bigint       not null,
    currency    varchar(3)   not null,
    fulfilment  varchar(10)  not null,
    active      boolean      not null,
    script      varchar(8000),
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    constraint product_price_positive check (price_minor > 0)
);
create unique index product_sku_uq on product (sku);
