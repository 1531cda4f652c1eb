-- Calls between an agent and a customer, one row per call from start to end. No foreign key to the
-- customer module's tables: modules own their tables; the call module checks the customer through
-- CustomerDirectory before it writes.
create table phone_call (
    id               varchar(40) not null primary key,
    customer_id      varchar(40) not null,
    agent_id         varchar(40) not null,
    -- the agent's id while the call is ACTIVE, null once it ended: its unique index is what lets an agent
    -- hold one active call at most, even when two starts race (H2 has no partial index)
    active_agent_id  varchar(40),
    direction        varchar(10) not null,
    status           varchar(10) not null,
    started_at       timestamp with time zone not null,
    started_by       varchar(64) not null,
    ended_at         timestamp with time zone,
    ended_by         varchar(64),
    -- start to end, whole seconds
    handle_seconds   bigint,
    disposition      varchar(20),
    talk_outcome     varchar(20),
    callback_at      timestamp with time zone,
    -- for a CALLBACK: the next call with the customer, which kept the promise; null while it is open
    followed_up_by   varchar(40),
    note_count       int not null default 0,
    constraint phone_call_state check (
        (status = 'ACTIVE' and ended_at is null and active_agent_id is not null)
        or (status = 'ENDED' and ended_at is not null and active_agent_id is null and disposition is not null))
);
create unique index phone_call_active_agent_uq on phone_call (active_agent_id);
create index phone_call_agent_idx on phone_call (agent_id, started_at, id);
create index phone_call_customer_idx on phone_call (customer_id, started_at);
create index phone_call_started_idx on phone_call (started_at, id);
create index phone_call_callback_idx on phone_call (agent_id, disposition, followed_up_by, callback_at);

-- Notes taken during a call, stored only after redaction: body never holds a card number, CVC, PIN,
-- password, one-time code or ID number. findings/requests/phrases are JSON arrays describing what was
-- removed and why, never the removed values.
create table call_note (
    id          varchar(40) not null primary key,
    call_id     varchar(40) not null references phone_call (id),
    author_id   varchar(64) not null,
    body        varchar     not null,
    findings    varchar     not null,
    requests    varchar     not null,
    phrases     varchar     not null,
    created_at  timestamp with time zone not null
);
create index call_note_call_idx on call_note (call_id, created_at, id);
