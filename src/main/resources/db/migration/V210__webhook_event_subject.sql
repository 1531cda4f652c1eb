-- A payment's timeline in the console lists the webhooks sent about it: each event keeps the payment and the
-- order it is about (from its data's paymentId and orderId), so they are found without reading every body.
-- Events recorded before this column have none and are not listed.
alter table webhook_event add column payment_id varchar(40);
alter table webhook_event add column order_id varchar(40);
create index webhook_event_payment_idx on webhook_event (payment_id);
create index webhook_event_order_idx on webhook_event (order_id);
