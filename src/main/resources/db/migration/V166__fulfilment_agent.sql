-- the agent of the fulfilment's order, so a list applies the same reach as reading one by id
-- (an agent's own, a supervisor's team) without reading the order module's table
alter table fulfilment add column agent_id varchar(64);
update fulfilment set agent_id = (select o.agent_id from sales_order o where o.id = fulfilment.order_id);
create index fulfilment_agent_idx on fulfilment (agent_id, id);
