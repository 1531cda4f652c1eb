-- ADR 0003, 2026-12-07: an entry is written with its transaction without a lock, carrying a MAC of its own
-- fields, and chained (seq, prev_hash, hash) in commit order by a sequencer shortly after, so no commit in the
-- system waits on the chain's head row. Production grants the application role INSERT and SELECT on this table,
-- and UPDATE of the chain's columns (seq, prev_hash, hash, rejected_at) only.
create table audit_entry_v2 (
    id          varchar(40)   not null primary key,
    seq         bigint,
    at          timestamp with time zone not null,
    actor_id    varchar(64)   not null,
    actor_name  varchar(200),
    action      varchar(100)  not null,
    subject     varchar(200),
    origin      varchar(300),
    result      varchar(20)   not null,
    details     varchar(4000),
    -- HMAC of the entry's own fields, written with it: the sequencer chains no entry written without the key
    mac         varchar(64),
    prev_hash   varchar(64),
    hash        varchar(64),
    -- set by the sequencer for an entry whose MAC does not verify: it is never chained, the verifier reports it
    rejected_at timestamp with time zone
);
insert into audit_entry_v2 (id, seq, at, actor_id, actor_name, action, subject, origin, result, details, prev_hash, hash)
select 'aud_' || seq, seq, at, actor_id, actor_name, action, subject, origin, result, details, prev_hash, hash
from audit_entry;
drop table audit_entry;
alter table audit_entry_v2 rename to audit_entry;
create unique index audit_entry_seq_uq on audit_entry (seq);
create index audit_entry_at_idx on audit_entry (at);
create index audit_entry_subject_idx on audit_entry (subject);
