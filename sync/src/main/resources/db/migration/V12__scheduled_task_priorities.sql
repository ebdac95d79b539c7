-- db-scheduler fetches by priority from here on (SyncService enables it): the steps of a retrieval whose Flinks
-- session is open (its polls) at 90, other work at db-scheduler's default 50, a new retrieval's first step at 10.
-- Rows scheduled before had no priority, and NULL sorts first in a descending order on both databases: a retrieval
-- already in flight gets the polls' priority, everything else the default.
update scheduled_tasks set priority = 90 where priority is null and task_name = 'retrieval-advance';
update scheduled_tasks set priority = 50 where priority is null;
