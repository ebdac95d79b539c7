package io.flinks4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One bank account under a login, as returned by {@code /GetAccountsDetail} (with transactions) or
 * {@code /GetAccountsSummary} (without, but with the e-transfer/EFT likelihoods).
 *
 * @param id AccountId, stable per account (a GUID or a masked value)
 * @param title account name as shown by the bank
 * @param type product type such as {@code Chequing}, an open string
 * @param category Flinks category, or null
 * @param accountType personal or business (added by Flinks in Oct 2024), or null
 * @param currency currency code ({@code CAD} or {@code USD}), or null
 * @param accountNumber account number (needs {@code WithAccountIdentity}), or null
 * @param lastFourDigits last four digits, or null
 * @param transitNumber branch transit number, or null
 * @param institutionNumber institution number, or null
 * @param overdraftLimit overdraft limit, or null
 * @param balance balances, or null
 * @param holder account holder (needs {@code WithKYC}), or null
 * @param transactions transactions, empty when none were requested or returned
 * @param eftEligibleRatio summary only: likelihood (0-1) that EFT details can be obtained, or null
 * @param eTransferEligibleRatio summary only: likelihood (0-1) that e-Transfer details can be
 *     obtained, or null
 * @param extra fields not modelled here, kept as received
 */
public record Account(
    String id,
    String title,
    String type,
    AccountCategory category,
    AccountType accountType,
    String currency,
    String accountNumber,
    String lastFourDigits,
    String transitNumber,
    String institutionNumber,
    BigDecimal overdraftLimit,
    Balance balance,
    Holder holder,
    List<Transaction> transactions,
    BigDecimal eftEligibleRatio,
    BigDecimal eTransferEligibleRatio,
    Map<String, JsonNode> extra) {

  public Account {
    transactions = Extras.list(transactions);
    extra = Extras.of(extra);
  }

  @Override
  public String toString() {
    return "Account[id="
        + id
        + ", title="
        + title
        + ", type="
        + type
        + ", category="
        + category
        + ", currency="
        + currency
        + ", balance="
        + balance
        + ", transactions="
        + transactions.size()
        + "]";
  }

  /** A builder with every field unset (null, or the type's zero). */
  public static Builder builder() {
    return new Builder();
  }

  /** Sets the fields of a {@link Account} by name, so two of the same type cannot be swapped. */
  public static final class Builder {
    private String id;
    private String title;
    private String type;
    private AccountCategory category;
    private AccountType accountType;
    private String currency;
    private String accountNumber;
    private String lastFourDigits;
    private String transitNumber;
    private String institutionNumber;
    private BigDecimal overdraftLimit;
    private Balance balance;
    private Holder holder;
    private List<Transaction> transactions;
    private BigDecimal eftEligibleRatio;
    private BigDecimal eTransferEligibleRatio;
    private Map<String, JsonNode> extra;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    public Builder type(String type) {
      this.type = type;
      return this;
    }

    public Builder category(AccountCategory category) {
      this.category = category;
      return this;
    }

    public Builder accountType(AccountType accountType) {
      this.accountType = accountType;
      return this;
    }

    public Builder currency(String currency) {
      this.currency = currency;
      return this;
    }

    public Builder accountNumber(String accountNumber) {
      this.accountNumber = accountNumber;
      return this;
    }

    public Builder lastFourDigits(String lastFourDigits) {
      this.lastFourDigits = lastFourDigits;
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

    public Builder overdraftLimit(BigDecimal overdraftLimit) {
      this.overdraftLimit = overdraftLimit;
      return this;
    }

    public Builder balance(Balance balance) {
      this.balance = balance;
      return this;
    }

    public Builder holder(Holder holder) {
      this.holder = holder;
      return this;
    }

    public Builder transactions(List<Transaction> transactions) {
      this.transactions = transactions;
      return this;
    }

    public Builder eftEligibleRatio(BigDecimal eftEligibleRatio) {
      this.eftEligibleRatio = eftEligibleRatio;
      return this;
    }

    public Builder eTransferEligibleRatio(BigDecimal eTransferEligibleRatio) {
      this.eTransferEligibleRatio = eTransferEligibleRatio;
      return this;
    }

    public Builder extra(Map<String, JsonNode> extra) {
      this.extra = extra;
      return this;
    }

    public Account build() {
      return new Account(
          id,
          title,
          type,
          category,
          accountType,
          currency,
          accountNumber,
          lastFourDigits,
          transitNumber,
          institutionNumber,
          overdraftLimit,
          balance,
          holder,
          transactions,
          eftEligibleRatio,
          eTransferEligibleRatio,
          extra);
    }
  }
}
