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
}
