-- What each login asks GetAccountsDetail for (POST /v1/logins, PATCH /v1/logins/{loginId}); null = the service's
-- default. account_ids: the AccountsFilter, comma-separated (AccountIds never contain commas: checked on input).
-- days_of_transactions: 90 or 365 for every retrieval of the login; null = FLINKS4J_FIRST_RETRIEVAL_DAYS for the
-- first retrieval and FLINKS4J_REFRESH_DAYS afterwards.
alter table logins add column account_ids varchar(8000);
alter table logins add column days_of_transactions integer;
alter table logins add column with_kyc boolean;
alter table logins add column with_account_identity boolean;
