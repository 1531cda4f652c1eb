-- The sandbox acquirer's own books: what an external acquirer would hold. Telepay's payment tables
-- never join these; the reconciler and the settlement file read them through the gateway port.
create table sandbox_charge (
    reference          varchar(64) not null primary key,
    acquirer_reference varchar(40) not null,
    amount_minor       bigint      not null,
    currency           varchar(3)  not null,
    outcome            varchar(10) not null,
    decline_code       varchar(40),
    captured_minor     bigint      not null,
    refunded_minor     bigint      not null,
    voided             boolean     not null,
    brand              varchar(20) not null,
    last4              varchar(4)  not null,
    created_at         timestamp with time zone not null
);
create index sandbox_charge_created_idx on sandbox_charge (created_at);

create table sandbox_operation (
    operation_reference varchar(100) not null primary key,
    charge_reference    varchar(64)  not null,
    kind                varchar(10)  not null,
    amount_minor        bigint       not null,
    outcome             varchar(10)  not null,
    decline_code        varchar(40),
    created_at          timestamp with time zone not null
);
create index sandbox_operation_charge_idx on sandbox_operation (charge_reference);
