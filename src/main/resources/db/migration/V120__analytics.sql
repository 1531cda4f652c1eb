-- The analytics read model, fed by the modules' events (never by reading their tables):
-- one row of funnel counters per business day, agent, product and currency.
-- Calls have no product and no currency: their row has product_id = '-' and currency = '-'.
-- An order counts once, under its main product (the line with the largest amount), on the day it was
-- confirmed; its later stages (pay session, paid, fulfilled, refunded) count on that same row.
create table analytics_day (
    business_day       date        not null,
    agent_id           varchar(40) not null,
    product_id         varchar(40) not null,
    currency           varchar(3)  not null,
    calls              bigint not null default 0,
    contacts           bigint not null default 0,
    handle_seconds     bigint not null default 0,
    orders             bigint not null default 0,
    order_minor        bigint not null default 0,
    sessions           bigint not null default 0,
    paid               bigint not null default 0,
    paid_minor         bigint not null default 0,
    declines           bigint not null default 0,
    fulfilled          bigint not null default 0,
    refunded           bigint not null default 0,
    refunded_minor     bigint not null default 0,
    charged_back       bigint not null default 0,
    charged_back_minor bigint not null default 0,
    primary key (business_day, agent_id, product_id, currency)
);
create index analytics_day_agent_idx on analytics_day (agent_id, business_day);

-- Each confirmed order once: where it counts (day, agent, product, currency) and which stages it reached,
-- so a stage counts once however often its event is delivered.
create table analytics_order (
    order_id        varchar(40) not null primary key,
    business_day    date        not null,
    agent_id        varchar(40) not null,
    product_id      varchar(40) not null,
    currency        varchar(3)  not null,
    amount_minor    bigint      not null,
    session_at      timestamp with time zone,
    paid_at         timestamp with time zone,
    fulfilled_at    timestamp with time zone,
    refunded_at     timestamp with time zone,
    charged_back_at timestamp with time zone
);

-- Events already counted that belong to no order stage (a call ended, a decline).
create table analytics_seen (
    event_key varchar(80) not null primary key,
    seen_at   timestamp with time zone not null
);
