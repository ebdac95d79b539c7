-- DELETE /v1/logins/{loginId} erases every row about the login. Outbound events now reference their login (and
-- go with it); a received webhook carries the lookup hash of the loginId it names. A tombstone keeps only the
-- lookup hash, so a late webhook for a deleted login is refused, until POST /v1/logins registers it again.
alter table outbound_events add column login_id bigint references logins (id) on delete cascade;
create index ix_outbound_events_login on outbound_events (login_id);
alter table received_webhooks add column login_hash varchar(64);
create index ix_received_webhooks_login on received_webhooks (login_hash);
create table login_tombstones (
    login_hash      varchar(64)              primary key,
    deleted_at      timestamp with time zone not null
);
