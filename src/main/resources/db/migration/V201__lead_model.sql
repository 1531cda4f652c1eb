-- The learned lead-conversion model (issue 18). What it learns from must be known as of a moment, so the
-- lead's story is kept as dated rows instead of only the counters on lead.

-- Every outcome of a call or a completed lead, in order: the contacts and dispositions a lead had by a moment.
create table lead_contact (
    id          varchar(40) not null primary key,
    lead_id     varchar(40) not null references lead (id),
    customer_id varchar(40) not null,
    agent_id    varchar(40),
    ended_at    timestamp with time zone not null,
    disposition varchar(20) not null
);
create index lead_contact_lead_idx on lead_contact (lead_id, ended_at);
create index lead_contact_ended_idx on lead_contact (ended_at);

-- Every time the queue handed a lead to an agent: both scores as they were then (the hand-written points and,
-- when a model was SHADOW or ACTIVE, its probability), and whether a call followed. The learned model's training
-- rows and the measured lift of a SHADOW model on the calls that followed are these rows.
create table lead_offer (
    id                varchar(40) not null primary key,
    lead_id           varchar(40) not null references lead (id),
    customer_id       varchar(40) not null,
    agent_id          varchar(40) not null,
    offered_at        timestamp with time zone not null,
    kind              varchar(10) not null,
    hand_score        int         not null,
    model_id          varchar(40),
    model_mode        varchar(10),
    model_probability double precision,
    contacted_at      timestamp with time zone,
    disposition       varchar(20)
);
create index lead_offer_lead_idx on lead_offer (lead_id, offered_at);
create index lead_offer_offered_idx on lead_offer (offered_at);
create index lead_offer_model_idx on lead_offer (model_id, offered_at);

-- The current model's probability for an open lead, kept fresh beside lead.score; the queue orders by it while
-- its model is ACTIVE. Null for a lead not (yet) scored and for a customer who must not be called.
alter table lead add column model_id varchar(40);
alter table lead add column model_score double precision;
create index lead_model_queue_idx on lead (status, model_id, model_score);
