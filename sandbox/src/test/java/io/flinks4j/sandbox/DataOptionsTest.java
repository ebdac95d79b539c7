package io.flinks4j.sandbox;

import static io.flinks4j.sandbox.FlinksHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sandbox.FlinksHttp.Reply;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FlinksSandboxExtension.class)
class DataOptionsTest {

  private final FlinksSandbox sandbox;
  private final FlinksHttp http;
  private final String loginId;

  DataOptionsTest(FlinksSandbox sandbox) {
    this.sandbox = sandbox;
    this.http = new FlinksHttp(sandbox);
    this.loginId = sandbox.login("greatday_nomfa").loginId();
  }

  private JsonNode detail(Object... options) {
    Map<String, Object> body = body(options);
    body.put("RequestId", http.readySession(loginId));
    Reply reply = http.detail(body);
    assertThat(reply.status()).isEqualTo(200);
    return reply.json();
  }

  private static List<JsonNode> transactions(JsonNode payload) {
    List<JsonNode> all = new ArrayList<>();
    payload.get("Accounts").forEach(a -> a.get("Transactions").forEach(all::add));
    return all;
  }

  @Test
  void by_default_90_days_of_transactions_with_identity_and_holder_are_returned() {
    JsonNode payload = detail();
    assertThat(transactions(payload))
        .hasSize(sandbox.groundTruth(loginId).transactionsLast90Days());
    JsonNode account = payload.at("/Accounts/0");
    assertThat(account.get("TransitNumber").asText()).hasSize(5);
    assertThat(account.get("InstitutionNumber").asText()).isEqualTo("777");
    assertThat(account.at("/Holder/Address/Country").asText()).isEqualTo("CA");
    assertThat(account.get("Currency").asText()).isEqualTo("CAD");
  }

  @Test
  void days365_returns_a_year_of_transactions() {
    JsonNode payload = detail("DaysOfTransactions", "Days365");
    assertThat(transactions(payload))
        .hasSize(sandbox.groundTruth(loginId).transactionsLast365Days());
  }

  @Test
  void an_unknown_days_value_is_an_invalid_request() {
    Reply reply =
        http.detail(body("RequestId", http.readySession(loginId), "DaysOfTransactions", "Forever"));
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void accounts_filter_keeps_only_the_chosen_accounts() {
    String second = detail().at("/Accounts/1/Id").asText();
    JsonNode filtered = detail("AccountsFilter", List.of(second.toUpperCase()));
    assertThat(filtered.get("Accounts")).hasSize(1);
    assertThat(filtered.at("/Accounts/0/Id").asText()).isEqualTo(second);
  }

  @Test
  void without_transactions_accounts_come_with_empty_transaction_lists() {
    JsonNode payload = detail("WithTransactions", false);
    assertThat(payload.get("Accounts")).isNotEmpty();
    assertThat(transactions(payload)).isEmpty();
  }

  @Test
  void without_kyc_the_holder_is_null() {
    assertThat(detail("WithKYC", false).at("/Accounts/0/Holder").isNull()).isTrue();
  }

  @Test
  void without_account_identity_numbers_are_hidden() {
    JsonNode account = detail("WithAccountIdentity", false).at("/Accounts/0");
    assertThat(account.get("TransitNumber").isNull()).isTrue();
    assertThat(account.get("AccountNumber").asText()).startsWith("****");
    assertThat(account.get("LastFourDigits").asText()).hasSize(4);
  }

  @Test
  void date_from_and_date_to_bound_the_transactions() {
    LocalDate to = LocalDate.now(sandbox.clock()).minusDays(10);
    LocalDate from = to.minusDays(20);
    List<JsonNode> ts = transactions(detail("DateFrom", from.toString(), "DateTo", to.toString()));
    assertThat(ts)
        .isNotEmpty()
        .allSatisfy(t -> assertThat(LocalDate.parse(t.get("Date").asText())).isBetween(from, to));
  }

  @Test
  void running_balances_agree_with_amounts_and_the_account_balance() {
    for (JsonNode account : detail("DaysOfTransactions", "Days365").get("Accounts")) {
      JsonNode ts = account.get("Transactions");
      assertThat(account.at("/Balance/Current").decimalValue())
          .isEqualByComparingTo(ts.get(0).get("Balance").decimalValue());
      for (int i = 0; i + 1 < ts.size(); i++) {
        JsonNode t = ts.get(i);
        BigDecimal credit =
            t.get("Credit").isNull() ? BigDecimal.ZERO : t.get("Credit").decimalValue();
        BigDecimal debit =
            t.get("Debit").isNull() ? BigDecimal.ZERO : t.get("Debit").decimalValue();
        assertThat(t.get("Balance").decimalValue())
            .isEqualByComparingTo(
                ts.get(i + 1).get("Balance").decimalValue().add(credit).subtract(debit));
      }
    }
  }

  @Test
  void the_same_login_gets_the_same_data_in_every_session() {
    JsonNode first = detail().get("Accounts");
    JsonNode second = detail().get("Accounts");
    assertThat(first).isEqualTo(second);
  }

  @Test
  void a_login_created_with_the_same_seed_in_another_sandbox_gets_the_same_data() {
    LoginSpec spec = LoginSpec.named("seeded").withSeed(2026);
    String here = accounts(sandbox, spec);
    try (FlinksSandbox other = FlinksSandbox.builder().processingDelay(Duration.ZERO).start()) {
      assertThat(accounts(other, spec)).isEqualTo(here);
    }
  }

  private static String accounts(FlinksSandbox target, LoginSpec spec) {
    FlinksHttp client = new FlinksHttp(target);
    String requestId = client.readySession(target.createLogin(spec).loginId());
    return client.detail(requestId).json().get("Accounts").toString();
  }

  @Test
  void a_refresh_adds_transactions_and_keeps_the_ones_already_seen() {
    List<String> before = transactions(detail()).stream().map(t -> t.get("Id").asText()).toList();
    Reply refresh =
        http.authorize(body("LoginId", loginId, "MostRecentCached", false, "Save", true));
    assertThat(refresh.status()).isEqualTo(200);
    sandbox.advanceClock(Duration.ofSeconds(3));
    List<String> after =
        transactions(http.detail(refresh.requestId()).json()).stream()
            .map(t -> t.get("Id").asText())
            .toList();
    assertThat(after).hasSizeGreaterThan(before.size()).containsAll(before);
    assertThat(sandbox.groundTruth(loginId).dataVersion()).isEqualTo(1);
  }

  @Test
  void refresh_delta_returns_only_transactions_newer_than_the_last_one_held() {
    JsonNode account = detail().at("/Accounts/0");
    JsonNode held = account.get("Transactions").get(5);
    JsonNode delta =
        detail(
            "RefreshDelta",
            List.of(
                Map.of(
                    "AccountId",
                    account.get("Id").asText(),
                    "TransactionId",
                    held.get("Id").asText())));
    JsonNode newer = delta.at("/Accounts/0/Transactions");
    assertThat(newer).hasSize(5);
    assertThat(newer.get(4).get("Id").asText())
        .isEqualTo(account.get("Transactions").get(4).get("Id").asText());
  }
}
