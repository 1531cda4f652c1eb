-- An agent's distinct cards per business day (agent.cardsToday and the team's median), kept as they are first
-- seen instead of counted over the team's attempts on every payment: on PostgreSQL with a million attempts that
-- count cost ~7 ms for a team with a few thousand attempts a day (docs/benchmarks.md). One row per agent, day and
-- card with the moment it was first seen, so a backtest counts as of any moment; and a counter per agent and day
-- with the latest of those moments, so the live decision reads one row per team member and nothing more. V144 fills both from the attempts already stored.
create table risk_agent_card (
    agent_id     varchar(64) not null,
    business_day date        not null,
    card_fp      varchar(64) not null,
    first_at     timestamp with time zone not null,
    primary key (agent_id, business_day, card_fp)
);
create index risk_agent_card_first_idx on risk_agent_card (agent_id, business_day, first_at);

create table risk_agent_day (
    agent_id     varchar(64) not null,
    business_day date        not null,
    team         varchar(64),
    cards        bigint      not null,
    last_at      timestamp with time zone not null,
    primary key (agent_id, business_day)
);
create index risk_agent_day_team_idx on risk_agent_day (team, business_day);

-- nothing reads attempts by team (the counters above) or by product (risk_product_day, V142) any more; every
-- index costs each payment's insert
drop index risk_attempt_team_idx;
drop index risk_attempt_product_idx;
