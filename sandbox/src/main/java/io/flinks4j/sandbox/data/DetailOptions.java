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
      new DetailOptions(true, true, true, true, 90, null, null, null, Map.of());

  public DetailOptions {
    accountsFilter = accountsFilter == null ? null : Set.copyOf(accountsFilter);
    refreshDelta = refreshDelta == null ? Map.of() : Map.copyOf(refreshDelta);
  }

  /** The same options restricted to {@code accountIds}. */
  public DetailOptions onlyAccounts(Set<String> accountIds) {
    return new DetailOptions(
        withTransactions,
        withAccountIdentity,
        withKyc,
        withBalance,
        days,
        accountIds,
        dateFrom,
        dateTo,
        refreshDelta);
  }

  boolean includes(Account account) {
    return accountsFilter == null || accountsFilter.contains(account.id());
  }

  boolean includes(LocalDate date, LocalDate dataDate) {
    LocalDate from = dateFrom != null ? dateFrom : dataDate.minusDays(days - 1L);
    LocalDate to = dateTo != null ? dateTo : dataDate;
    return !date.isBefore(from) && !date.isAfter(to);
  }
}
