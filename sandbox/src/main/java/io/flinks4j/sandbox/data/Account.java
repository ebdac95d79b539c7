package io.flinks4j.sandbox.data;

import java.util.List;

/**
 * One generated account. {@code transactions} are in chronological order (oldest first) and each
 * transaction's balance is the previous balance plus its amount, ending at {@link #currentCents()}.
 */
public record Account(
    String id,
    AccountKind kind,
    String title,
    String currency,
    String transitNumber,
    String institutionNumber,
    String accountNumber,
    long overdraftLimitCents,
    Long creditLimitCents,
    long openingBalanceCents,
    List<Transaction> transactions) {

  /** Posted balance: the balance after the latest transaction. */
  public long currentCents() {
    return transactions.isEmpty() ? openingBalanceCents : transactions.getLast().balanceCents();
  }

  /** Posted balance plus what can still be drawn (overdraft or credit limit). */
  public long availableCents() {
    return currentCents() + (creditLimitCents != null ? creditLimitCents : overdraftLimitCents);
  }

  public String lastFourDigits() {
    return accountNumber.substring(accountNumber.length() - 4);
  }
}
