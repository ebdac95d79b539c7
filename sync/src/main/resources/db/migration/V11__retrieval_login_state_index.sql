-- Whether a login has any ready retrieval (each session's first detail request asks, to choose the days of
-- transactions) is one index probe instead of a walk over every ready retrieval by ix_retrievals_ended, which is
-- what PostgreSQL's planner takes on a table it has not analyzed yet.
create index ix_retrievals_login_state on retrievals (login_id, state);
