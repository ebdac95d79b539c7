package io.flinks4j.sync.ingest;

/**
 * What applying one payload changed, for logs, metrics, events and tests.
 *
 * @param accounts accounts in the payload
 * @param newAccounts accounts seen for the first time
 * @param transactions transactions in the payload (after removing in-payload duplicates)
 * @param newTransactions transactions stored for the first time
 * @param modifiedTransactions stored transactions whose content changed, or that came back after a
 *     removal
 * @param removedTransactions stored transactions that vanished from the payload's window while
 *     inside it
 * @param balanceSnapshots balance snapshots written by this call (0 when the retrieval was applied
 *     before)
 */
public record IngestResult(
    int accounts,
    int newAccounts,
    int transactions,
    int newTransactions,
    int modifiedTransactions,
    int removedTransactions,
    int balanceSnapshots) {

  /** Whether any transaction was added, modified or removed: the change feed has something new. */
  public boolean transactionsChanged() {
    return newTransactions + modifiedTransactions + removedTransactions > 0;
  }
}
