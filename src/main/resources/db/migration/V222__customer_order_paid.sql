-- Issue 18: the learned lead model's label is a paid order within the window after a call, as the issue asks, not
-- a confirmed one: the order module records the payment with the customer (order → customer, no new cycle).
alter table customer_order add column paid_at timestamp with time zone;
update customer_order set paid_at = (select o.paid_at from sales_order o where o.id = customer_order.order_id);
create index customer_order_paid_idx on customer_order (customer_id, paid_at);
