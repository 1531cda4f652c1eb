-- The vault's Tink keysets, each encrypted under the key-encryption key (KEK) that only the
-- environment holds; stored here so that every instance shares them. version counts rotations.
create table vault_keyset (
    purpose        varchar(40)  not null primary key,
    keyset         bytea        not null,
    primary_key_id bigint       not null,
    version        bigint       not null,
    updated_at     timestamp with time zone not null
);

-- One row per tokenization. The card number exists here only as AES-256-GCM ciphertext bound to the
-- token; brand, BIN, last 4 and expiry are the forms that may be shown. The CVC is never stored.
create table vault_card (
    token       varchar(40)  not null primary key,
    ciphertext  bytea        not null,
    key_id      bigint       not null,
    fingerprint varchar(64)  not null,
    brand       varchar(20)  not null,
    bin         varchar(6)   not null,
    last4       varchar(4)   not null,
    exp_month   int          not null,
    exp_year    int          not null,
    created_at  timestamp with time zone not null
);
create index vault_card_fingerprint_idx on vault_card (fingerprint);
-- the re-encrypt job looks for cards sealed by a key other than the primary
create index vault_card_key_id_idx on vault_card (key_id, token);
