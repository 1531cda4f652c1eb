-- Issue 16: a short reference a customer can read over the phone (OrderReference); orders made before get one
-- from V221 (OrderReferencesBackfill), so the column stays nullable and the index allows the gap meanwhile.
alter table sales_order add column reference varchar(8);
create unique index sales_order_reference on sales_order (reference);
