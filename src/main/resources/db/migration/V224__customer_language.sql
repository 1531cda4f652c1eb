-- The language the customer chose for SMS and e-mail (zh-TW, zh-CN or en); null: chosen by country and phone
-- (简体 for mainland China, 繁體 otherwise).
alter table customer add column language varchar(5);
