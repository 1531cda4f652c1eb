-- Append-only, hash-chained. Production grants the application role INSERT and SELECT only (README).
create table audit_entry (
    seq        bigint        not null primary key,
    at         timestamp with time zone not null,
    actor_id   varchar(64)   not null,
    actor_name varchar(200),
    action     varchar(100)  not null,
    subject    varchar(200),
    origin     varchar(300),
    result     varchar(20)   not null,
    details    varchar(4000),
    prev_hash  varchar(64)   not null,
    hash       varchar(64)   not null
);
create index audit_entry_at_idx on audit_entry (at);
create index audit_entry_subject_idx on audit_entry (subject);

-- the chain's head: appends lock this row, so entries get gap-free sequence numbers in commit order
create table audit_head (
    id   int         not null primary key,
    seq  bigint      not null,
    hash varchar(64) not null
);
insert into audit_head (id, seq, hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
