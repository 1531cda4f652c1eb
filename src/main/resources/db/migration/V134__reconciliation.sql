-- Daily reconciliation of the acquirer's settlement file against Telepay's captures and refunds.
-- One report per day (a rerun replaces it), with one row per break.
create table reconciliation_report (
    id               varchar(40) not null primary key,
    business_day     date        not null,
    generated_at     timestamp with time zone not null,
    file_present     boolean     not null,
    acquirer_lines   int         not null,
    our_operations   int         not null,
    matched          int         not null,
    breaks           int         not null
);
create unique index reconciliation_report_day_uq on reconciliation_report (business_day);

create table reconciliation_break (
    report_id        varchar(40)  not null,
    seq              int          not null,
    kind             varchar(30)  not null,
    reference        varchar(100),
    payment_id       varchar(40),
    currency         varchar(3),
    our_minor        bigint,
    acquirer_minor   bigint,
    detail           varchar(500) not null,
    primary key (report_id, seq)
);
