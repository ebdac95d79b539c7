package io.flinks4j.sync.ingest;

/**
 * What applying one payload changed, for logs, metrics and tests.
 *
 * @param accounts accounts in the payload
 * @param newAccounts accounts seen for the first time
 * @param transactions transactions in the payload (after removing in-payload duplicates)
 * @param newTransactions transactions stored for the first time
 * @param balanceSnapshots balance snapshots written by this call (0 when the retrieval was applied before)
 */
public record IngestResult(int accounts, int newAccounts, int transactions, int newTransactions, int balanceSnapshots) {}
