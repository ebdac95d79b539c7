package io.flinks4j.sandbox.data;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything the emulated bank holds for one login at one data version: the holder and the accounts
 * with their full transaction history up to {@code dataDate}.
 *
 * @param modifiedIds transactions the bank changed since the initial aggregation ({@link
 *     Revisions})
 * @param removedIds transactions the bank dropped since the initial aggregation
 */
public record Portfolio(
    Holder holder,
    List<Account> accounts,
    LocalDate dataDate,
    List<String> modifiedIds,
    List<String> removedIds) {

  public Portfolio {
    modifiedIds = List.copyOf(modifiedIds);
    removedIds = List.copyOf(removedIds);
  }

  /** A portfolio nothing was revised in. */
  public Portfolio(Holder holder, List<Account> accounts, LocalDate dataDate) {
    this(holder, accounts, dataDate, List.of(), List.of());
  }

  /** Transactions dated within the last {@code days} days up to and including {@code dataDate}. */
  public int transactionCount(int days) {
    LocalDate from = dataDate.minusDays(days - 1L);
    int count = 0;
    for (Account account : accounts) {
      for (Transaction t : account.transactions()) {
        if (!t.date().isBefore(from)) {
          count++;
        }
      }
    }
    return count;
  }
}
