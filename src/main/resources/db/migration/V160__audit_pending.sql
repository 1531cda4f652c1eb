-- Audit entries owed by a database migration. A migration runs before the application and cannot MAC an
-- entry (the key lives with the running application, ADR 0003), so it writes here what it did; the audit
-- module turns each row into an ordinary audit entry (actor: system) at start-up and deletes it, in one
-- transaction. Never holds a secret: the same rules as audit_entry.details.
create table audit_pending (
    id          varchar(40)   not null primary key,
    action      varchar(100)  not null,
    subject     varchar(200),
    details     varchar(4000),
    recorded_at timestamp with time zone not null
);
