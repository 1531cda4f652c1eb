-- A payment the cardholder disputes ("I did not authorize this") is held out of settlement until reviewed.
alter table payment add column settlement_held_at timestamp with time zone;
alter table payment add column settlement_hold_reason varchar(500);
