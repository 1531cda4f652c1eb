-- Issue 17, the harvesting hole. Where staff were seen (identity's StaffSeen): the address, its network (/24 for
-- IPv4, /48 for IPv6) and the console's device id, per staff member, kept for telepay.risk.staff-footprint-retention
-- after they were last seen. A pay page opened from one of them was opened by staff.
create table risk_staff_footprint (
    kind        varchar(10)  not null,
    item        varchar(64)  not null,
    staff_id    varchar(64)  not null,
    first_seen  timestamp with time zone not null,
    last_seen   timestamp with time zone not null,
    primary key (kind, item, staff_id)
);
create index risk_staff_footprint_seen_idx on risk_staff_footprint (last_seen);

-- A customer's phone changed (customer's CustomerPhoneChanged): to which number, by whom, when. A pay link sent
-- to a number changed shortly before is the agent sending the link to themselves.
create table risk_phone_change (
    id           varchar(40)  not null primary key,
    customer_id  varchar(40)  not null,
    phone        varchar(20)  not null,
    changed_by   varchar(64)  not null,
    at           timestamp with time zone not null
);
create index risk_phone_change_customer_idx on risk_phone_change (customer_id, at);
