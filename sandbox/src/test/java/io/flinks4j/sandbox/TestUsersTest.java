package io.flinks4j.sandbox;

import static io.flinks4j.sandbox.FlinksHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sandbox.FlinksHttp.Reply;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The documented FlinksCapital test users and the codes of section 8 they and their kin reproduce.
 */
@ExtendWith(FlinksSandboxExtension.class)
class TestUsersTest {

  private final FlinksSandbox sandbox;
  private final FlinksHttp http;

  TestUsersTest(FlinksSandbox sandbox) {
    this.sandbox = sandbox;
    this.http = new FlinksHttp(sandbox);
  }

  private Reply liveLogin(String username) {
    return http.authorize(
        body(
            "Institution",
            "FlinksCapital",
            "Username",
            username,
            "Password",
            "Everyday",
            "MostRecentCached",
            false));
  }

  @Test
  void six_test_users_are_preseeded_with_stable_login_ids() {
    assertThat(sandbox.logins())
        .extracting(SandboxLogin::username)
        .containsExactly(
            "Greatday",
            "greatday_nomfa",
            "test_disabled_account",
            "test_service_unavailable",
            "test_dispatched",
            "test_pending",
            "test_mfa_choice",
            "test_mfa_multiple",
            "test_mfa_image",
            "test_mfa_text_or_call",
            "test_mfa_text_only",
            "contoso_user",
            "fabrikam_user",
            "northwind_user");
    assertThat(sandbox.login("Greatday").loginId())
        .isEqualTo("5e115eac-1209-4f19-641c-08d6d484e2fe");
    assertThat(sandbox.login("Greatday").mfa()).isTrue();
  }

  @Test
  void test_disabled_account_is_refused_with_disabled_login() {
    Reply reply = liveLogin("test_disabled_account");
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("DISABLED_LOGIN");
    assertThat(http.authorizeCached(sandbox.login("test_disabled_account").loginId()).code())
        .isEqualTo("DISABLED_LOGIN");
  }

  @Test
  void test_service_unavailable_is_refused_with_retry_later() {
    Reply reply = liveLogin("test_service_unavailable");
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("RETRY_LATER");
  }

  @Test
  void test_dispatched_answers_operation_dispatched_with_partial_data_then_everything() {
    String requestId = liveLogin("test_dispatched").requestId();
    Reply dispatched = http.detail(requestId);
    assertThat(dispatched.status()).isEqualTo(202);
    assertThat(dispatched.code()).isEqualTo("OPERATION_DISPATCHED");
    assertThat(dispatched.json().get("Accounts")).hasSize(1);

    sandbox.advanceClock(Duration.ofSeconds(3));
    Reply ready = http.detailAsync(requestId);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().get("Accounts")).hasSize(4);
  }

  @Test
  void test_pending_answers_operation_pending_even_when_processing_is_over() {
    String requestId = http.authorizeCached(sandbox.login("test_pending").loginId()).requestId();
    sandbox.advanceClock(Duration.ofMinutes(1));
    Reply first = http.detail(requestId);
    assertThat(first.status()).isEqualTo(202);
    assertThat(first.code()).isEqualTo("OPERATION_PENDING");
    assertThat(first.json().get("Message").asText())
        .isEqualTo("Your operation is still processing");
    assertThat(http.detailAsync(requestId).status()).isEqualTo(200);
  }

  @Test
  void the_async_endpoint_also_answers_a_post_with_an_empty_body() {
    String requestId = http.authorizeCached(sandbox.login("greatday_nomfa").loginId()).requestId();
    http.detail(requestId);
    sandbox.advanceClock(Duration.ofSeconds(3));
    Reply reply =
        http.send("POST", http.url("GetAccountsDetailAsync/" + requestId), http.apiKey(), null);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("Accounts")).isNotEmpty();
  }

  @Test
  void a_login_whose_aggregation_fails_answers_500_aggregation_error() {
    SandboxLogin login =
        sandbox.createLogin(LoginSpec.named("broken").withBehaviour(Behaviour.AGGREGATION_ERROR));
    String requestId = http.readySession(login.loginId());
    Reply reply = http.detail(requestId);
    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.code()).isEqualTo("AGGREGATION_ERROR");
  }

  @Test
  void login_behaviours_reproduce_new_account_unauthorized_and_disabled_institution() {
    Map<Behaviour, Integer> expected =
        Map.of(
            Behaviour.NEW_ACCOUNT,
            401,
            Behaviour.UNAUTHORIZED,
            401,
            Behaviour.DISABLED_INSTITUTION,
            405,
            Behaviour.CONCURRENT_SESSION,
            401);
    expected.forEach((behaviour, status) -> {
      SandboxLogin login =
          sandbox.createLogin(LoginSpec.named("user_" + behaviour).withBehaviour(behaviour));
      Reply reply = http.authorize(body("LoginId", login.loginId(), "MostRecentCached", false));
      assertThat(reply.status()).as(behaviour.name()).isEqualTo(status);
      assertThat(reply.code()).isEqualTo(behaviour.name());
    });
  }

  @Test
  void a_login_without_transactions_answers_no_transaction() {
    SandboxLogin login =
        sandbox.createLogin(LoginSpec.named("empty").withBehaviour(Behaviour.NO_TRANSACTION));
    Reply reply = http.detail(http.readySession(login.loginId()));
    assertThat(reply.code()).isEqualTo("NO_TRANSACTION");
  }

  @Test
  void delete_card_is_refused_while_processing_and_then_removes_the_login() {
    String loginId = sandbox.login("greatday_nomfa").loginId();
    http.authorizeCached(loginId);
    Reply busy = http.send("DELETE", http.url("DeleteCard/" + loginId), http.apiKey(), null);
    assertThat(busy.status()).isEqualTo(400);
    assertThat(busy.code()).isEqualTo("CARD_IN_USE");

    sandbox.advanceClock(Duration.ofSeconds(3));
    assertThat(http.send("DELETE", http.url("DeleteCard/" + loginId), http.apiKey(), null).status())
        .isEqualTo(200);
    assertThat(http.authorizeCached(loginId).code()).isEqualTo("INVALID_LOGIN");
  }

  @Test
  void old_endpoints_that_need_activation_answer_method_not_available() {
    Reply reply =
        http.post(
            "AuthorizeAsync",
            Map.of("flinks-auth-key", http.token()),
            body("LoginId", sandbox.login("Greatday").loginId()));
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("METHOD_NOT_AVAILABLE");
  }

  @Test
  void summary_is_polled_like_detail_and_lists_accounts_without_transactions() {
    String requestId =
        http.authorize(
                body(
                    "LoginId",
                    sandbox.login("greatday_nomfa").loginId(),
                    "MostRecentCached",
                    true,
                    "Tag",
                    "userId=42"))
            .requestId();
    Reply pending = http.post("GetAccountsSummary", http.apiKey(), body("RequestId", requestId));
    assertThat(pending.status()).isEqualTo(202);
    sandbox.advanceClock(Duration.ofSeconds(3));
    Reply ready =
        http.send("GET", http.url("GetAccountsSummaryAsync/" + requestId), http.apiKey(), null);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().at("/Accounts/0/EftEligibleRatio").isNumber()).isTrue();
    assertThat(ready.json().at("/Accounts/0/Transactions").isMissingNode()).isTrue();
    assertThat(ready.json().get("Tag").asText()).isEqualTo("userId=42");
  }

  @Test
  void statements_are_valid_pdf_documents() {
    String requestId = http.readySession(sandbox.login("greatday_nomfa").loginId());
    Reply reply =
        http.post(
            "GetStatements",
            http.apiKey(),
            body("RequestId", requestId, "NumberOfStatements", "Months3"));
    assertThat(reply.status()).isEqualTo(200);
    List<String> files = reply.json().findValuesAsText("Base64Bytes");
    assertThat(files).hasSize(4 * 3);
    String pdf =
        new String(
            Base64.getDecoder().decode(files.getFirst()),
            java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(pdf).startsWith("%PDF-1.4").contains("startxref").endsWith("%%EOF\n");
    int xref =
        Integer.parseInt(
            pdf.substring(pdf.indexOf("startxref") + 10, pdf.indexOf("\n%%EOF")).trim());
    assertThat(pdf.substring(xref)).startsWith("xref");
  }
}
