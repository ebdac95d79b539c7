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

  /** A builder with every field unset (null, or the type's zero). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sets the fields of a {@link GroundTruth} by name, so two of the same type cannot be swapped.
   */
  public static final class Builder {
    private String loginId;
    private int accounts;
    private int dataVersion;
    private Instant lastRefresh;
    private LocalDate dataDate;
    private int transactionsLast90Days;
    private int transactionsLast365Days;
    private int transactionsTotal;
    private List<String> modifiedTransactionIds;
    private List<String> removedTransactionIds;

    private Builder() {}

    public Builder loginId(String loginId) {
      this.loginId = loginId;
      return this;
    }

    public Builder accounts(int accounts) {
      this.accounts = accounts;
      return this;
    }

    public Builder dataVersion(int dataVersion) {
      this.dataVersion = dataVersion;
      return this;
    }

    public Builder lastRefresh(Instant lastRefresh) {
      this.lastRefresh = lastRefresh;
      return this;
    }

    public Builder dataDate(LocalDate dataDate) {
      this.dataDate = dataDate;
      return this;
    }

    public Builder transactionsLast90Days(int transactionsLast90Days) {
      this.transactionsLast90Days = transactionsLast90Days;
      return this;
    }

    public Builder transactionsLast365Days(int transactionsLast365Days) {
      this.transactionsLast365Days = transactionsLast365Days;
      return this;
    }

    public Builder transactionsTotal(int transactionsTotal) {
      this.transactionsTotal = transactionsTotal;
      return this;
    }

    public Builder modifiedTransactionIds(List<String> modifiedTransactionIds) {
      this.modifiedTransactionIds = modifiedTransactionIds;
      return this;
    }

    public Builder removedTransactionIds(List<String> removedTransactionIds) {
      this.removedTransactionIds = removedTransactionIds;
      return this;
    }

    public GroundTruth build() {
      return new GroundTruth(
          loginId,
          accounts,
          dataVersion,
          lastRefresh,
          dataDate,
          transactionsLast90Days,
          transactionsLast365Days,
          transactionsTotal,
          modifiedTransactionIds,
          removedTransactionIds);
    }
  }
}
