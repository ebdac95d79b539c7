-- last_ingested_at: written by every ingest, first thing in its transaction; the row lock that write takes is what
-- serialises two ingests of one login (a SELECT ... FOR UPDATE would do the same, but H2 re-parses it each time).
alter table logins add column last_ingested_at timestamp with time zone;

-- Digest of the transaction keys of the last payload applied to the account. Every key it covers is stored (rows are
-- only ever deleted with their account), so a refresh bringing the same keys can skip the transactions entirely.
alter table accounts add column transactions_digest varchar(64);
