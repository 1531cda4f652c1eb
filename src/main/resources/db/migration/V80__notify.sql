create table notify_message (
    id              varchar(40)  not null primary key,
    channel         varchar(10)  not null,
    recipient       varchar(320) not null,
    subject         varchar(200),
    body            varchar      not null,
    purpose         varchar(40)  not null,
    reference       varchar(64),
    status          varchar(12)  not null,
    attempts        int          not null,
    provider        varchar(200),
    last_error      varchar(500),
    created_at      timestamp with time zone not null,
    claimed_at      timestamp with time zone,
    next_attempt_at timestamp with time zone,
    sent_at         timestamp with time zone
);
create index notify_message_reference_idx on notify_message (reference);
create index notify_message_due_idx on notify_message (status, next_attempt_at);
create index notify_message_created_idx on notify_message (created_at);
