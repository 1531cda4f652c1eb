-- Learned models (issue 18): one row per training run of a kind (lead-conversion, payment-fraud, …).
-- status: SHADOW (measured beside the hand-written score), ACTIVE (at most one per kind decides),
-- RETIRED, FAILED (the run gave no usable model: too few labels).
create table learned_model (
    id                varchar(40)  not null primary key,
    kind              varchar(40)  not null,
    version           int          not null,
    status            varchar(10)  not null,
    trained_at        timestamp with time zone not null,
    -- rows learnt from: [train_from, train_to); measured on the later [validate_from, validate_to)
    train_from        timestamp with time zone,
    train_to          timestamp with time zone,
    validate_from     timestamp with time zone,
    validate_to       timestamp with time zone,
    -- JSON array of the feature names the model reads
    features          varchar      not null,
    -- JSON: rows, AUC, top-decile lift, calibration of the model and of the baseline on the validation rows
    metrics           varchar,
    note              varchar,
    model             bytea,
    status_changed_at timestamp with time zone not null,
    status_changed_by varchar(64)  not null
);
create unique index learned_model_version_uq on learned_model (kind, version);
create index learned_model_status_idx on learned_model (kind, status, version);
