-- Spring Modulith's event publication registry (the transactional outbox), schema v2,
-- written once here so that H2 and PostgreSQL get the same table from the same migration.
create table event_publication (
    id                     uuid not null primary key,
    listener_id            varchar(512) not null,
    event_type             varchar(512) not null,
    serialized_event       varchar not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 varchar(20),
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
create index event_publication_by_listener_idx on event_publication (listener_id);
