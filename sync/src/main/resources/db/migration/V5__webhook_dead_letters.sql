-- A webhook whose apply fails is retried FLINKS4J_WEBHOOK_MAX_ATTEMPTS times with backoff, then parked as a dead
-- letter (dead_at set) until an operator replays it. failure_reason is a SQLState or an exception class: never a
-- driver message, which may quote the bound bank data.
alter table received_webhooks add column attempts integer default 0 not null;
alter table received_webhooks add column failure_reason varchar(64);
alter table received_webhooks add column dead_at timestamp with time zone;
create index ix_received_webhooks_dead on received_webhooks (dead_at);
