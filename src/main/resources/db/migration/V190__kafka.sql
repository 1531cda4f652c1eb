-- Events to Kafka (docs/adr/0190-kafka.md). With TELEPAY_KAFKA_BOOTSTRAP set, the outbox holds one row per event
-- for listener 'kafka', which the relay publishes and deletes once the broker acknowledged it.

-- the relay takes this row's lock for a batch, so one instance at a time publishes and a key's events keep their order
create table outbox_relay (
    name varchar(50) primary key
);
insert into outbox_relay (name) values ('kafka');

-- events a Kafka consumer has handled, by consumer and event id: a redelivered event has no effect twice
create table processed_event (
    consumer     varchar(200) not null,
    event_id     varchar(64)  not null,
    processed_at timestamp with time zone not null,
    primary key (consumer, event_id)
);
create index processed_event_age_idx on processed_event (processed_at);
