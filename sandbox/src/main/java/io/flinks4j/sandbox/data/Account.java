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

  /** A builder with every field unset (null, or the type's zero). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this value's fields. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.kind = kind;
    b.title = title;
    b.currency = currency;
    b.transitNumber = transitNumber;
    b.institutionNumber = institutionNumber;
    b.accountNumber = accountNumber;
    b.overdraftLimitCents = overdraftLimitCents;
    b.creditLimitCents = creditLimitCents;
    b.openingBalanceCents = openingBalanceCents;
    b.transactions = transactions;
    return b;
  }

  /** Sets the fields of a {@link Account} by name, so two of the same type cannot be swapped. */
  public static final class Builder {
    private String id;
    private AccountKind kind;
    private String title;
    private String currency;
    private String transitNumber;
    private String institutionNumber;
    private String accountNumber;
    private long overdraftLimitCents;
    private Long creditLimitCents;
    private long openingBalanceCents;
    private List<Transaction> transactions;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder kind(AccountKind kind) {
      this.kind = kind;
      return this;
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    public Builder currency(String currency) {
      this.currency = currency;
      return this;
    }

    public Builder transitNumber(String transitNumber) {
      this.transitNumber = transitNumber;
      return this;
    }

    public Builder institutionNumber(String institutionNumber) {
      this.institutionNumber = institutionNumber;
      return this;
    }

    public Builder accountNumber(String accountNumber) {
      this.accountNumber = accountNumber;
      return this;
    }

    public Builder overdraftLimitCents(long overdraftLimitCents) {
      this.overdraftLimitCents = overdraftLimitCents;
      return this;
    }

    public Builder creditLimitCents(Long creditLimitCents) {
      this.creditLimitCents = creditLimitCents;
      return this;
    }

    public Builder openingBalanceCents(long openingBalanceCents) {
      this.openingBalanceCents = openingBalanceCents;
      return this;
    }

    public Builder transactions(List<Transaction> transactions) {
      this.transactions = transactions;
      return this;
    }

    public Account build() {
      return new Account(
          id,
          kind,
          title,
          currency,
          transitNumber,
          institutionNumber,
          accountNumber,
          overdraftLimitCents,
          creditLimitCents,
          openingBalanceCents,
          transactions);
    }
  }
}
