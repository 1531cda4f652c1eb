create table risk_list_entry (
    id         varchar(40)  not null primary key,
    kind       varchar(10)  not null,
    item       varchar(320) not null,
    action     varchar(10)  not null,
    reason     varchar(500) not null,
    expires_at timestamp with time zone,
    created_by varchar(64)  not null,
    created_at timestamp with time zone not null,
    removed_at timestamp with time zone,
    removed_by varchar(64)
);
create index risk_list_entry_value_idx on risk_list_entry (kind, item);
