package io.flinks4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.flinks4j.client.RefreshResult.MfaRequired;
import io.flinks4j.client.RefreshResult.Refreshed;
import io.flinks4j.client.error.FlinksException;
import io.flinks4j.client.error.RetryAdvice;
import io.flinks4j.client.error.TemporarilyUnavailableException;
import io.flinks4j.client.error.UserActionRequiredException;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.client.model.AccountsSummary;
import io.flinks4j.client.webhook.FlinksWebhooks;
import io.flinks4j.client.webhook.WebhookEvent;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The documented flows end to end against the independent emulator, its clock driven by the
 * client's sleeps.
 */
class SandboxFlowTest {
  @RegisterExtension
  static final FlinksSandboxExtension SANDBOX = FlinksSandboxExtension.withOptions(b -> b);

  private static final Map<String, String> ANSWERS =
      Map.of(
          "What city were you born in?", "Montreal",
          "What is the best country on earth?", "Canada",
          "What shape do people like most?", "Triangle");

  @RegisterExtension final SandboxClients clients = new SandboxClients();

  private FlinksClient client(FlinksSandbox sandbox) {
    return clients.on(sandbox);
  }

  @Test
  void cached_retrieve_polls_through_pending_to_the_data(FlinksSandbox sandbox) {
    String loginId = sandbox.login("test_pending").loginId();
    List<PollAttempt> attempts = new CopyOnWriteArrayList<>();

    AccountsDetail detail =
        client(sandbox).retrieve(loginId, DetailOptions.defaults(), attempts::add);

    assertThat(detail.loginId()).isEqualTo(loginId);
    assertThat(detail.accounts()).isNotEmpty();
    assertThat(attempts.getFirst().status()).isEqualTo("OPERATION_PENDING");
    assertThat(attempts.getLast().status()).isEqualTo("READY");
  }

  @Test
  void summary_waiter_polls_through_pending_to_the_accounts(FlinksSandbox sandbox) {
    String loginId = sandbox.login("test_pending").loginId();
    FlinksClient client = client(sandbox);
    String requestId =
        ((AuthorizeResult.Authorized) client.authorize().open(AuthorizeRequest.cached(loginId)))
            .requestId();

    java.time.Instant before = sandbox.clock().instant();

    AccountsSummary summary = client.awaitAccountsSummary(requestId);

    assertThat(summary.accounts()).isNotEmpty();
    assertThat(summary.requestId()).isEqualTo(requestId);
    // test_pending answers its first data call 202: the waiter slept one poll interval, then polled
    assertThat(Duration.between(before, sandbox.clock().instant()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void dispatched_retrieval_is_polled_to_the_full_data(FlinksSandbox sandbox) {
    String loginId = sandbox.login("test_dispatched").loginId();

    AccountsDetail detail = client(sandbox).retrieve(loginId, DetailOptions.defaults());

    assertThat(detail.accounts()).isNotEmpty();
  }

  @Test
  void refresh_answers_every_mfa_prompt_and_returns_fresh_data(FlinksSandbox sandbox) {
    String loginId = sandbox.login("Greatday").loginId();

    RefreshResult result =
        client(sandbox).refresh(loginId, DetailOptions.defaults(), MfaHandler.fixed(ANSWERS));

    assertThat(result)
        .isInstanceOfSatisfying(
            Refreshed.class,
            refreshed -> assertThat(refreshed.detail().loginId()).isEqualTo(loginId));
  }

  @Test
  void declined_mfa_gives_a_connect_relaunch_url_on_the_sandbox(FlinksSandbox sandbox) {
    String loginId = sandbox.login("Greatday").loginId();

    RefreshResult result =
        client(sandbox).refresh(loginId, DetailOptions.defaults(), MfaHandler.decline());

    assertThat(result)
        .isInstanceOfSatisfying(
            MfaRequired.class,
            mfa -> {
              assertThat(mfa.challenges()).isNotEmpty();
              assertThat(mfa.relaunchUrl().toString())
                  .startsWith(
                      sandbox.connectUrl() + "?requestId=" + mfa.requestId() + "&authorizeToken=");
            });
  }

  @Test
  void wrong_mfa_answer_needs_the_user(FlinksSandbox sandbox) {
    String loginId = sandbox.login("Greatday").loginId();
    MfaHandler wrong =
        (challenge, round) ->
            MfaHandler.fixed(
                    challenge.challenges().stream()
                        .collect(java.util.stream.Collectors.toMap(c -> c.prompt(), c -> "Wrong")))
                .answer(challenge, round);

    assertThatThrownBy(() -> client(sandbox).refresh(loginId, DetailOptions.defaults(), wrong))
        .isInstanceOfSatisfying(
            FlinksException.class,
            e -> {
              assertThat(e.flinksCode()).contains(FlinksCode.INVALID_SECURITY_RESPONSE);
              assertThat(e.retryAdvice()).isEqualTo(RetryAdvice.USER_ACTION);
            });
  }

  @Test
  void disabled_login_is_a_user_action_failure(FlinksSandbox sandbox) {
    String loginId = sandbox.login("test_disabled_account").loginId();

    assertThatThrownBy(() -> client(sandbox).retrieve(loginId, DetailOptions.defaults()))
        .isInstanceOfSatisfying(
            UserActionRequiredException.class,
            e -> assertThat(e.flinksCode()).contains(FlinksCode.DISABLED_LOGIN));
  }

  @Test
  void unreachable_institution_is_retried_then_reported_as_temporary(FlinksSandbox sandbox) {
    String loginId = sandbox.login("test_service_unavailable").loginId();

    assertThatThrownBy(
            () -> client(sandbox).refresh(loginId, DetailOptions.defaults(), MfaHandler.decline()))
        .isInstanceOfSatisfying(
            TemporarilyUnavailableException.class,
            e -> assertThat(e.flinksCode()).contains(FlinksCode.RETRY_LATER));
  }

  @Test
  void webhooks_signed_by_the_sandbox_verify_into_typed_events(FlinksSandbox sandbox)
      throws Exception {
    List<WebhookEvent> events = new CopyOnWriteArrayList<>();
    List<Exception> failures = new CopyOnWriteArrayList<>();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          Map<String, String> headers = new java.util.HashMap<>();
          exchange
              .getRequestHeaders()
              .forEach((name, values) -> headers.put(name, values.getFirst()));
          int status = 200;
          try {
            events.add(FlinksWebhooks.verify(body, headers, sandbox.webhookKey()));
          } catch (RuntimeException e) {
            failures.add(e);
            status = 401;
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
    try {
      sandbox.configureWebhooks(
          sandbox
              .webhookSettings()
              .withUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")
              .withKycFirst(true));
      String loginId = sandbox.login("greatday_nomfa").loginId();

      client(sandbox).refresh(loginId, DetailOptions.defaults(), MfaHandler.decline());

      await().atMost(Duration.ofSeconds(30)).until(() -> events.size() + failures.size() >= 2);
      assertThat(failures).isEmpty();
      assertThat(events)
          .extracting(WebhookEvent::responseType)
          .contains("KYC", "GetAccountsDetail");
      assertThat(events).allSatisfy(event -> assertThat(event.loginId()).isEqualTo(loginId));
    } finally {
      receiver.stop(0);
    }
  }
}
