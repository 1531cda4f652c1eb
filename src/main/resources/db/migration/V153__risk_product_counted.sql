-- A capture is counted in its product's day outside the payment's transaction (the day's row was a lock every
-- capture of the product waited on); this says it was counted, so a redelivered event counts it once.
alter table risk_attempt add column product_counted boolean not null default false;
update risk_attempt set product_counted = true where captured_at is not null;
