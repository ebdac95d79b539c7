-- Idempotency-Key of /v1 writes, one row per API key name and key. The primary key is what lets exactly one of
-- several requests with one key run, on whichever instance they arrive. A row is in flight (response_status null,
-- owned by claim_token) while its request runs, then holds the answer that is replayed until expires_at.
-- key_hash and request_hash are keyed HMACs (a client may build its keys from a loginId); response_body is
-- encrypted, as it may carry a loginId or a relaunch URL.
create table idempotency_keys (
    api_key_name     varchar(64)              not null,
    key_hash         varchar(64)              not null,
    request_hash     varchar(64)              not null,
    claim_token      varchar(36)              not null,
    created_at       timestamp with time zone not null,
    expires_at       timestamp with time zone not null,
    response_status  integer,
    response_type    varchar(200),
    response_body    text,
    constraint pk_idempotency_keys primary key (api_key_name, key_hash)
);
create index ix_idempotency_keys_expires on idempotency_keys (expires_at);
