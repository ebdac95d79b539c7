package io.flinks4j.sandbox.data;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything the emulated bank holds for one login at one data version: the holder and the accounts with
 * their full transaction history up to {@code dataDate}.
 */
public record Portfolio(Holder holder, List<Account> accounts, LocalDate dataDate) {

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
