-- Who is working an alert, so several analysts share one queue without two of them calling the same customer.
alter table risk_alert add column assignee varchar(64);
alter table risk_alert add column assigned_at timestamp with time zone;
create index risk_alert_assignee_idx on risk_alert (assignee, status);
