-- bumped whenever a user's access changes (disabled, role changed, password reset): a console session
-- signed in under an older version ends on its next request, on whichever instance it arrives
alter table staff_user add column session_version int not null default 0;

-- an optional end of life for an API key; null: until revoked
alter table api_key add column expires_at timestamp with time zone;
