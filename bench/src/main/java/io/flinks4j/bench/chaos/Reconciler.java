package io.flinks4j.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.GroundTruth;
import io.flinks4j.sandbox.data.Account;
import io.flinks4j.sandbox.data.DetailOptions;
import io.flinks4j.sandbox.data.Portfolio;
import io.flinks4j.sandbox.data.Transaction;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares what the service stored for a login (read back through {@code /v1}) with what the
 * sandbox serves for it: the ground truth's newest data version, transaction by transaction
 * (account id + Flinks transaction id). The engine asks {@code /GetAccountsDetail} with no {@code
 * DaysOfTransactions}, so the expected window is Flinks's default one ({@link
 * DetailOptions#DEFAULT}) ending at the ground truth's data date.
 */
final class Reconciler {

  private final FlinksSandbox sandbox;
  private final ServiceApi api;

  Reconciler(FlinksSandbox sandbox, ServiceApi api) {
    this.sandbox = sandbox;
    this.api = api;
  }

  LoginCheck check(ChaosLogin login) {
    GroundTruth truth = sandbox.groundTruth(login.loginId());
    Portfolio portfolio =
        sandbox.engine().login(login.loginId()).orElseThrow().portfolio(truth.dataVersion());
    LocalDate from = truth.dataDate().minusDays(DetailOptions.DEFAULT.days() - 1L);
    Set<String> expectedAccounts = new HashSet<>();
    Set<String> expected = new HashSet<>();
    for (Account account : portfolio.accounts()) {
      expectedAccounts.add(key(account.id()));
      for (Transaction t : account.transactions()) {
        if (!t.date().isBefore(from)) {
          expected.add(key(account.id(), t.id()));
        }
      }
    }

    Map<String, Integer> accountRows = new HashMap<>();
    Map<String, Integer> rows = new HashMap<>();
    Optional<JsonNode> status = api.login(login.loginId());
    if (status.isEmpty()) { // its registration was refused
      return new LoginCheck(
          login,
          "unregistered",
          "null",
          Tally.of(expectedAccounts, accountRows),
          Tally.of(expected, rows));
    }
    for (JsonNode account : api.accounts(login.loginId())) {
      String accountId = account.path("flinksAccountId").asText();
      accountRows.merge(key(accountId), 1, Integer::sum);
      for (JsonNode t : api.transactions(account.path("id").asText())) {
        rows.merge(key(accountId, t.path("id").asText()), 1, Integer::sum);
      }
    }
    JsonNode state = status.get().path("state");
    return new LoginCheck(
        login,
        state.isTextual() ? state.asText() : "none",
        LoginCheck.reasonOf(status.get()),
        Tally.of(expectedAccounts, accountRows),
        Tally.of(expected, rows));
  }

  private static String key(String... ids) {
    return String.join("/", ids).toLowerCase(Locale.ROOT);
  }
}
