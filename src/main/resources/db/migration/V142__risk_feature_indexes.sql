-- Measured on PostgreSQL with a million attempts (docs/benchmarks.md): the subjects with many rows a week
-- (an agent, a team) paid one heap fetch per row. Their indexes now hold the columns the features read,
-- so PostgreSQL answers from the index alone (index-only scans once the table is vacuumed).
-- sent_elsewhere: the pay link went to an address not the customer's, or one that other customers' links went
-- to before; decided when the attempt is written, so "links sent elsewhere" is a count, not a self-join.
alter table risk_attempt add column sent_elsewhere boolean default false not null;
drop index risk_attempt_agent_idx;
create index risk_attempt_agent_idx on risk_attempt (agent_id, at, card_fp, currency, amount_minor, declined_at, sent_elsewhere);
drop index risk_attempt_team_idx;
create index risk_attempt_team_idx on risk_attempt (team, at, agent_id, card_fp);

-- A product's captured amounts per business day: a busy product has thousands of captures a month, and its
-- average is read on every payment. product.averageAmount is over the 30 days before the attempt's day, live
-- and in backtests alike.
create table risk_product_day (
    product_sku  varchar(64) not null,
    currency     varchar(3)  not null,
    business_day date        not null,
    captures     bigint      not null,
    amount_minor bigint      not null,
    primary key (product_sku, currency, business_day)
);
