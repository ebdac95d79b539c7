package io.flinks4j.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the emulated bank currently holds behind a login, so a test can compare what a downstream
 * store saved with what was there to fetch.
 *
 * @param dataVersion 0 after the initial aggregation, +1 per successful live refresh
 * @param dataDate the date of the newest transactions
 * @param transactionsLast90Days what {@code DaysOfTransactions=Days90} returns for all accounts
 * @param transactionsLast365Days what {@code Days365} returns for all accounts
 * @param transactionsTotal the whole generated history (grows past 365 days with refreshes)
 * @param modifiedTransactionIds transactions whose content changed since the initial aggregation
 *     (only with {@link Behaviour#REVISES_TRANSACTIONS})
 * @param removedTransactionIds transactions dropped since the initial aggregation while inside the
 *     window
 */
public record GroundTruth(
    String loginId,
    int accounts,
    int dataVersion,
    Instant lastRefresh,
    LocalDate dataDate,
    int transactionsLast90Days,
    int transactionsLast365Days,
    int transactionsTotal,
    List<String> modifiedTransactionIds,
    List<String> removedTransactionIds) {

  public GroundTruth {
    modifiedTransactionIds = List.copyOf(modifiedTransactionIds);
    removedTransactionIds = List.copyOf(removedTransactionIds);
  }

  @Override
  public String toString() {
    return "GroundTruth[accounts="
        + accounts
        + ", dataVersion="
        + dataVersion
        + ", dataDate="
        + dataDate
        + ", transactionsLast90Days="
        + transactionsLast90Days
        + ", transactionsLast365Days="
        + transactionsLast365Days
        + ", transactionsTotal="
        + transactionsTotal
        + ", modified="
        + modifiedTransactionIds.size()
        + ", removed="
        + removedTransactionIds.size()
        + "]";
  }
}
