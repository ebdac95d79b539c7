-- Engine: retrievals as persisted state machines, the webhook inbox, the outbound event outbox, per-login refresh
-- schedule, and db-scheduler's own table. Runs unchanged on PostgreSQL and on H2 (PostgreSQL mode).

-- active_login_id equals login_id while the retrieval is not terminal and is NULL once it is: the unique
-- constraint is what allows at most one active retrieval per login (several NULLs are allowed on both databases).
create table retrievals (
    id                  varchar(36)              primary key,
    login_id            bigint                   not null references logins (id) on delete cascade,
    active_login_id     bigint,
    mode                varchar(16)              not null,
    state               varchar(20)              not null,
    request_id          varchar(64),
    detail_requested    boolean                  not null,
    flinks_code         varchar(64),
    attempts            integer                  not null,
    polls               integer                  not null,
    sessions            integer                  not null,
    challenges          varchar,
    relaunch_url        varchar(4096),
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    deadline_at         timestamp with time zone,
    completed_at        timestamp with time zone,
    version             bigint                   not null,
    constraint uq_retrievals_active_login unique (active_login_id),
    constraint ck_retrievals_state check (state in
        ('requested', 'authorizing', 'processing', 'ready', 'mfa_required', 'failed', 'timed_out')),
    constraint ck_retrievals_active check ((active_login_id is null) = (state in ('ready', 'failed', 'timed_out')))
);
create index ix_retrievals_login on retrievals (login_id, created_at);
create index ix_retrievals_request on retrievals (request_id);

-- Every verified webhook, recorded before answering 200; (response_type, dedupe_key) drops redeliveries.
-- dedupe_key is the RequestId, or a SHA-256 of the body when the payload carries none. The body is cleared once
-- processed: it holds a loginId in clear.
create table received_webhooks (
    id              varchar(36)              primary key,
    response_type   varchar(64)              not null,
    dedupe_key      varchar(100)             not null,
    body            text,
    received_at     timestamp with time zone not null,
    processed_at    timestamp with time zone,
    outcome         varchar(64),
    constraint uq_received_webhooks_dedupe unique (response_type, dedupe_key)
);

-- Events to the lender's application; written in the transaction of the change they report.
create table outbound_events (
    id              varchar(40)              primary key,
    type            varchar(40)              not null,
    body            varchar                  not null,
    created_at      timestamp with time zone not null,
    attempts        integer                  not null,
    next_attempt_at timestamp with time zone not null,
    last_outcome    varchar(100),
    delivered_at    timestamp with time zone,
    abandoned_at    timestamp with time zone
);
create index ix_outbound_events_pending on outbound_events (delivered_at, abandoned_at, created_at);

-- When each login's next scheduled cached read and live refresh are due (spread over the period per login).
create table login_schedules (
    login_id        bigint                   primary key references logins (id) on delete cascade,
    next_cached_at  timestamp with time zone,
    next_live_at    timestamp with time zone
);
create index ix_login_schedules_cached on login_schedules (next_cached_at);
create index ix_login_schedules_live on login_schedules (next_live_at);

-- db-scheduler 16 (its PostgreSQL DDL with portable types).
create table scheduled_tasks (
    task_name               varchar(100)             not null,
    task_instance           varchar(100)             not null,
    task_data               bytea,
    execution_time          timestamp with time zone not null,
    picked                  boolean                  not null,
    picked_by               varchar(50),
    last_success            timestamp with time zone,
    last_failure            timestamp with time zone,
    consecutive_failures    integer,
    last_heartbeat          timestamp with time zone,
    version                 bigint                   not null,
    priority                smallint,
    primary key (task_name, task_instance)
);
create index ix_scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index ix_scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index ix_scheduled_tasks_priority_time on scheduled_tasks (priority desc, execution_time asc);
