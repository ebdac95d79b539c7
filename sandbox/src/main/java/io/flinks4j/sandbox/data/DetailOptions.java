package io.flinks4j.sandbox.data;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * The options of a {@code /GetAccountsDetail} call that shape its payload; a record so that it can
 * key the cache of serialized payloads.
 *
 * @param accountsFilter lower-case AccountIds to keep, or null for all accounts
 * @param dateFrom inclusive lower bound that replaces the {@code days} window when set
 * @param dateTo inclusive upper bound
 * @param refreshDelta lower-case AccountId to the last TransactionId the caller holds: only newer
 *     transactions of that account are returned, whatever the window ([old] {@code RefreshDelta})
 */
public record DetailOptions(
    boolean withTransactions,
    boolean withAccountIdentity,
    boolean withKyc,
    boolean withBalance,
    int days,
    Set<String> accountsFilter,
    LocalDate dateFrom,
    LocalDate dateTo,
    Map<String, String> refreshDelta) {

  /** What Flinks answers to a body with only a RequestId: everything, 90 days of transactions. */
  public static final DetailOptions DEFAULT =
      DetailOptions.builder()
          .withTransactions(true)
          .withAccountIdentity(true)
          .withKyc(true)
          .withBalance(true)
          .days(90)
          .accountsFilter(null)
          .dateFrom(null)
          .dateTo(null)
          .refreshDelta(Map.of())
          .build();

  public DetailOptions {
    accountsFilter = accountsFilter == null ? null : Set.copyOf(accountsFilter);
    refreshDelta = refreshDelta == null ? Map.of() : Map.copyOf(refreshDelta);
  }

  /** The same options restricted to {@code accountIds}. */
  public DetailOptions onlyAccounts(Set<String> accountIds) {
    return DetailOptions.builder()
        .withTransactions(withTransactions)
        .withAccountIdentity(withAccountIdentity)
        .withKyc(withKyc)
        .withBalance(withBalance)
        .days(days)
        .accountsFilter(accountIds)
        .dateFrom(dateFrom)
        .dateTo(dateTo)
        .refreshDelta(refreshDelta)
        .build();
  }

  boolean includes(Account account) {
    return accountsFilter == null || accountsFilter.contains(account.id());
  }

  boolean includes(LocalDate date, LocalDate dataDate) {
    LocalDate from = dateFrom != null ? dateFrom : dataDate.minusDays(days - 1L);
    LocalDate to = dateTo != null ? dateTo : dataDate;
    return !date.isBefore(from) && !date.isAfter(to);
  }

  /** A builder with every field unset (null, or the type's zero). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sets the fields of a {@link DetailOptions} by name, so two of the same type cannot be swapped.
   */
  public static final class Builder {
    private boolean withTransactions;
    private boolean withAccountIdentity;
    private boolean withKyc;
    private boolean withBalance;
    private int days;
    private Set<String> accountsFilter;
    private LocalDate dateFrom;
    private LocalDate dateTo;
    private Map<String, String> refreshDelta;

    private Builder() {}

    public Builder withTransactions(boolean withTransactions) {
      this.withTransactions = withTransactions;
      return this;
    }

    public Builder withAccountIdentity(boolean withAccountIdentity) {
      this.withAccountIdentity = withAccountIdentity;
      return this;
    }

    public Builder withKyc(boolean withKyc) {
      this.withKyc = withKyc;
      return this;
    }

    public Builder withBalance(boolean withBalance) {
      this.withBalance = withBalance;
      return this;
    }

    public Builder days(int days) {
      this.days = days;
      return this;
    }

    public Builder accountsFilter(Set<String> accountsFilter) {
      this.accountsFilter = accountsFilter;
      return this;
    }

    public Builder dateFrom(LocalDate dateFrom) {
      this.dateFrom = dateFrom;
      return this;
    }

    public Builder dateTo(LocalDate dateTo) {
      this.dateTo = dateTo;
      return this;
    }

    public Builder refreshDelta(Map<String, String> refreshDelta) {
      this.refreshDelta = refreshDelta;
      return this;
    }

    public DetailOptions build() {
      return new DetailOptions(
          withTransactions,
          withAccountIdentity,
          withKyc,
          withBalance,
          days,
          accountsFilter,
          dateFrom,
          dateTo,
          refreshDelta);
    }
  }
}
