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

  /** A builder with every field unset (null, or the type's zero). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sets the fields of a {@link IngestResult} by name, so two of the same type cannot be swapped.
   */
  public static final class Builder {
    private int accounts;
    private int newAccounts;
    private int transactions;
    private int newTransactions;
    private int modifiedTransactions;
    private int removedTransactions;
    private int balanceSnapshots;

    private Builder() {}

    public Builder accounts(int accounts) {
      this.accounts = accounts;
      return this;
    }

    public Builder newAccounts(int newAccounts) {
      this.newAccounts = newAccounts;
      return this;
    }

    public Builder transactions(int transactions) {
      this.transactions = transactions;
      return this;
    }

    public Builder newTransactions(int newTransactions) {
      this.newTransactions = newTransactions;
      return this;
    }

    public Builder modifiedTransactions(int modifiedTransactions) {
      this.modifiedTransactions = modifiedTransactions;
      return this;
    }

    public Builder removedTransactions(int removedTransactions) {
      this.removedTransactions = removedTransactions;
      return this;
    }

    public Builder balanceSnapshots(int balanceSnapshots) {
      this.balanceSnapshots = balanceSnapshots;
      return this;
    }

    public IngestResult build() {
      return new IngestResult(
          accounts,
          newAccounts,
          transactions,
          newTransactions,
          modifiedTransactions,
          removedTransactions,
          balanceSnapshots);
    }
  }
}
