package io.flinks4j.cli.fetch;

import io.flinks4j.client.model.Account;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.client.model.Balance;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;

/**
 * Prints a login's accounts as an aligned text table: balances and transaction counts at a glance.
 */
final class AccountsTable {
  // To the second: Flinks' timestamp carries fractions nobody reads.
  private static final DateTimeFormatter LAST_REFRESH =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private AccountsTable() {}

  static void print(AccountsDetail detail, PrintStream out) {
    int transactions = detail.accounts().stream().mapToInt(a -> a.transactions().size()).sum();
    out.println(
        String.format(
            Locale.ROOT,
            "%s: %d account%s, %d transaction%s%s",
            orDash(
                detail.institutionName() != null ? detail.institutionName() : detail.institution()),
            detail.accounts().size(),
            plural(detail.accounts().size()),
            transactions,
            plural(transactions),
            detail.login() != null && detail.login().lastRefresh() != null
                ? ", last refresh " + LAST_REFRESH.format(detail.login().lastRefresh()) + " UTC"
                : ""));
    String format = "%-28s %-8s %-14s %-4s %14s %14s %10s %6s%n";
    out.printf(
        Locale.ROOT,
        format,
        "ACCOUNT",
        "NUMBER",
        "TYPE",
        "CUR",
        "CURRENT",
        "AVAILABLE",
        "LIMIT",
        "TXNS");
    for (Account a : detail.accounts()) {
      out.printf(
          Locale.ROOT,
          format,
          clip(orDash(a.title()), 28),
          lastFour(a),
          clip(orDash(a.type()), 14),
          orDash(a.currency()),
          amount(a.balance(), Balance::current),
          amount(a.balance(), Balance::available),
          amount(a.balance(), Balance::limit),
          a.transactions().size());
    }
  }

  private static String lastFour(Account account) {
    String digits = account.lastFourDigits();
    if ((digits == null || digits.isBlank())
        && account.accountNumber() != null
        && account.accountNumber().length() >= 4) {
      digits = account.accountNumber().substring(account.accountNumber().length() - 4);
    }
    return digits == null || digits.isBlank() ? "-" : "*" + digits;
  }

  private static String amount(Balance balance, Function<Balance, BigDecimal> field) {
    BigDecimal value = balance == null ? null : field.apply(balance);
    return value == null ? "-" : String.format(Locale.ROOT, "%,.2f", value);
  }

  private static String clip(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "…";
  }

  private static String orDash(String text) {
    return text == null || text.isBlank() ? "-" : text;
  }

  private static String plural(int n) {
    return n == 1 ? "" : "s";
  }
}
