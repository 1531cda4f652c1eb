-- When the customer first opened the pay link: the agent's desk and the payment's timeline show it.
alter table payment_session add column opened_at timestamp with time zone;
