-- The risk engine's own copy of what it decides on: one row per payment attempt, written at assess time
-- inside the payment's transaction, with outcomes learnt later from payment events. Features are SQL
-- over these rows (correct with several instances on one database). Every velocity query is
-- "subject = ? and at in (t - window, t]": one index per subject on (subject, at).
create table risk_attempt (
    payment_id          varchar(40)  not null primary key,
    order_id            varchar(40),
    at                  timestamp with time zone not null,
    customer_id         varchar(40),
    agent_id            varchar(64),
    team                varchar(64),
    card_fp             varchar(64),
    card_bin            varchar(8),
    bin_country         varchar(2),
    customer_country    varchar(2),
    phone               varchar(32),
    email               varchar(320),
    ip                  varchar(64),
    device              varchar(64),
    sent_to             varchar(320),
    sent_to_other       boolean      not null,
    product_sku         varchar(64),
    channel             varchar(10),
    currency            varchar(3)   not null,
    amount_minor        bigint       not null,
    holder_similarity   double precision,
    action              varchar(10)  not null,
    outcome             varchar(16)  not null,
    declined_at         timestamp with time zone,
    captured_at         timestamp with time zone,
    refunded_at         timestamp with time zone,
    refund_delay_s      bigint,
    charged_back_at     timestamp with time zone
);
create index risk_attempt_card_idx on risk_attempt (card_fp, at);
create index risk_attempt_customer_idx on risk_attempt (customer_id, at);
create index risk_attempt_phone_idx on risk_attempt (phone, at);
create index risk_attempt_agent_idx on risk_attempt (agent_id, at);
create index risk_attempt_ip_idx on risk_attempt (ip, at);
create index risk_attempt_device_idx on risk_attempt (device, at);
create index risk_attempt_email_idx on risk_attempt (email, at);
create index risk_attempt_sent_to_idx on risk_attempt (sent_to, at);
create index risk_attempt_product_idx on risk_attempt (product_sku, at);
create index risk_attempt_team_idx on risk_attempt (team, at);
create index risk_attempt_order_idx on risk_attempt (order_id);
create index risk_attempt_at_idx on risk_attempt (at);

-- payment sessions as opened (for "sessions never completed per agent")
create table risk_session (
    session_id   varchar(40) not null primary key,
    order_id     varchar(40) not null,
    agent_id     varchar(64),
    customer_id  varchar(40),
    opened_at    timestamp with time zone not null
);
create index risk_session_agent_idx on risk_session (agent_id, opened_at);

-- labels: a card, agent, customer or phone tied to an outcome (FRAUD / LEGITIMATE), with where it came from
create table risk_label (
    id          varchar(40)  not null primary key,
    kind        varchar(10)  not null,
    item        varchar(320) not null,
    outcome     varchar(12)  not null,
    source      varchar(500) not null,
    path        varchar(1000),
    at          timestamp with time zone not null
);
create index risk_label_item_idx on risk_label (kind, item, at);

-- rules: one row per version; rule_id stays, version grows with every edit
create table risk_rule (
    rule_id     varchar(40)   not null,
    version     integer       not null,
    name        varchar(200)  not null,
    expression  varchar(4000) not null,
    action      varchar(10)   not null,
    mode        varchar(10)   not null,
    enabled     boolean       not null,
    score       integer       not null,
    reason      varchar(500)  not null,
    current     boolean       not null,
    created_by  varchar(64)   not null,
    created_at  timestamp with time zone not null,
    primary key (rule_id, version)
);
create index risk_rule_current_idx on risk_rule (current, rule_id);

-- the rule set's version: one row, bumped by every rule change (instances reload when it moves)
create table risk_rule_set (
    id       integer not null primary key,
    version  bigint  not null
);
insert into risk_rule_set (id, version) values (1, 1);

create table risk_decision (
    payment_id        varchar(40)  not null primary key,
    at                timestamp with time zone not null,
    action            varchar(10)  not null,
    score             integer      not null,
    reasons           varchar(4000) not null,
    rule_set_version  bigint       not null,
    matched           varchar      not null,
    features          varchar      not null,
    hash              varchar(64)  not null,
    agent_id          varchar(64),
    team              varchar(64)
);
create index risk_decision_at_idx on risk_decision (at);

create table risk_alert (
    id              varchar(40)   not null primary key,
    subject_kind    varchar(10)   not null,
    subject         varchar(320)  not null,
    signal          varchar(40)   not null,
    severity        integer       not null,
    status          varchar(10)   not null,
    evidence        varchar       not null,
    path            varchar(1000),
    agent_id        varchar(64),
    team            varchar(64),
    payment_id      varchar(40),
    hits            integer       not null,
    open_key        varchar(400),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    resolved_at     timestamp with time zone,
    resolved_by     varchar(64),
    outcome         varchar(12),
    note            varchar(2000)
);
-- one open alert per (signal, subject): repeats add to it, instances racing insert once
create unique index risk_alert_open_idx on risk_alert (open_key);
create index risk_alert_status_idx on risk_alert (status, severity, created_at);
create index risk_alert_subject_idx on risk_alert (subject_kind, subject);
create index risk_alert_agent_idx on risk_alert (agent_id);

-- which rule versions matched which decision (hit counts per rule, backtests against labels)
create table risk_decision_rule (
    payment_id  varchar(40) not null,
    rule_id     varchar(40) not null,
    version     integer     not null,
    mode        varchar(10) not null,
    at          timestamp with time zone not null,
    primary key (payment_id, rule_id)
);
create index risk_decision_rule_rule_idx on risk_decision_rule (rule_id, at);
