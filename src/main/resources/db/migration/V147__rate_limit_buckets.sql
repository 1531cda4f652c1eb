-- Token buckets every instance shares (shared.ratelimit.SharedBuckets): Bucket4j's serialized state per key
-- ("ip-lookup:203.0.113.7", "login:…"), swapped with a compare-and-set; a row expires when its bucket is full again.
create table rate_limit_bucket (
    id         varchar(200)             primary key,
    state      bytea                    not null,
    expires_at timestamp with time zone not null
);
create index rate_limit_bucket_expires_idx on rate_limit_bucket (expires_at);
