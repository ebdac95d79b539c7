-- Every failed or timed-out retrieval says why: a FlinksCode, or a category of ours (network, http_503,
-- unreadable_response, deadline, mfa_timeout, ...), with a short message free of secrets. flinks_code keeps the
-- last FlinksCode seen. recovery_round numbers the retrievals started on their own after an outage (0 = asked for).
alter table retrievals add column reason varchar(64);
alter table retrievals add column reason_message varchar(300);
alter table retrievals add column recovery_round integer default 0 not null;
update retrievals set reason = coalesce(flinks_code, case when state = 'timed_out' then 'deadline' else 'unknown' end)
    where state in ('failed', 'timed_out');
-- Finds the logins whose latest retrieval ran out of time, for the recovery retries.
create index ix_retrievals_ended on retrievals (state, completed_at);
