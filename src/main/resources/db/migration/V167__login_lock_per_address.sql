-- wrong passwords count per user and client address: ten from one address pause sign-ins of that user
-- from that address only, so a stranger cannot lock the real user out from elsewhere
create table login_lock (
    user_id      varchar(40) not null,
    address      varchar(64) not null,
    failures     int         not null default 0,
    locked_until timestamp with time zone,
    primary key (user_id, address)
);

-- where the user is told of a lock (optional)
alter table staff_user add column email varchar(320);
