package io.flinks4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinks4j.client.AuthorizeRequest;
import io.flinks4j.client.AuthorizeResult;
import io.flinks4j.client.DetailOptions;
import io.flinks4j.client.FlinksClient;
import io.flinks4j.client.webhook.FlinksWebhooks;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.retrieval.Retrieval;
import io.flinks4j.sync.retrieval.RetrievalState;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.TestDialects;
import io.flinks4j.sync.webhook.WebhookReceiver;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * {@code DELETE /v1/logins/{loginId}} erases every row about the login and leaves a tombstone: a
 * late webhook for it is answered 200 and stores nothing; registering it again through the API is
 * allowed. On H2 and PostgreSQL.
 */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class LoginErasureTest {

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  @Parameter Dialect dialect;

  static EventReceiver lender;
  static EngineFixture fixture;
  static FlinksClient flinks;

  @BeforeParameterizedClassInvocation
  static void startService(Dialect dialect, FlinksSandbox sandbox) {
    lender = EventReceiver.start();
    fixture =
        EngineFixture.start(
            dialect,
            sandbox,
            Map.of(
                EngineSettings.EVENTS_URL,
                lender.url().toString(),
                EngineSettings.EVENTS_SECRET,
                "lender-secret"));
    flinks =
        FlinksClient.builder()
            .baseUrl(sandbox.baseUrl())
            .customerId(sandbox.customerId())
            .secretKey(sandbox.secretKey())
            .apiKey(sandbox.apiKey())
            .pollInterval(Duration.ofMillis(100))
            .build();
  }

  @AfterParameterizedClassInvocation
  static void stopService() {
    flinks.close();
    fixture.close();
    lender.close();
  }

  @Test
  void deleting_a_login_erases_every_row_about_it_and_a_late_webhook_is_refused() throws Exception {
    SandboxLogin login =
        fixture
            .sandbox()
            .createLogin(
                LoginSpec.named("erase-" + UUID.randomUUID())
                    .withTransactionsPerYear(50)
                    .withProcessingDelay(Duration.ZERO));
    byte[] webhook = detailWebhook(login.loginId());
    byte[] later =
        detailWebhook(
            login.loginId()); // made now: once deleted at Flinks, no session opens any more
    assertThat(deliver(webhook)).contains("recorded");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() ->
            fixture.retrieval(login.loginId()).map(Retrieval::state).orElse(null)
                    == RetrievalState.READY
                && fixture.count(
                        "select count(*) from received_webhooks where processed_at is not null and login_hash = ?",
                        fixture.service().logins().lookupHash(login.loginId()))
                    == 1);
    long ref = fixture.loginRef(login.loginId());
    List<String> retrievals = List.of(fixture.retrieval(login.loginId()).orElseThrow().id());
    assertThat(fixture.count("select count(*) from outbound_events where login_id = ?", ref))
        .isPositive();

    assertThat(fixture.delete("/v1/logins/" + login.loginId()).status()).isEqualTo(204);

    String hash = fixture.service().logins().lookupHash(login.loginId());
    for (String table :
        List.of("accounts", "holders", "retrievals", "outbound_events", "login_schedules")) {
      assertThat(fixture.count("select count(*) from " + table + " where login_id = ?", ref))
          .as(table)
          .isZero();
    }
    assertThat(fixture.count("select count(*) from logins where id = ?", ref)).isZero();
    assertThat(fixture.count("select count(*) from received_webhooks where login_hash = ?", hash))
        .isZero();
    assertThat(
            fixture.count(
                "select count(*) from scheduled_tasks where task_instance = ?",
                retrievals.getFirst()))
        .isZero();
    assertThat(fixture.count("select count(*) from login_tombstones where login_hash = ?", hash))
        .isOne();

    // Flinks redelivers (or sends another payload) after the deletion: answered 200, nothing
    // stored.
    long webhooksBefore = fixture.count("select count(*) from received_webhooks");
    assertThat(deliver(webhook)).contains("login_deleted");
    assertThat(deliver(later)).contains("login_deleted");
    assertThat(fixture.count("select count(*) from received_webhooks")).isEqualTo(webhooksBefore);
    assertThat(fixture.service().logins().find(login.loginId())).isEmpty();
  }

  @Test
  void an_explicit_registration_brings_a_deleted_login_back() throws Exception {
    SandboxLogin login =
        fixture
            .sandbox()
            .createLogin(
                LoginSpec.named("back-" + UUID.randomUUID())
                    .withTransactionsPerYear(50)
                    .withProcessingDelay(Duration.ZERO));
    fixture.register(login.loginId());
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() ->
            fixture.retrieval(login.loginId()).map(Retrieval::state).orElse(null)
                == RetrievalState.READY);
    byte[] webhook = detailWebhook(login.loginId());
    assertThat(fixture.delete("/v1/logins/" + login.loginId()).status()).isEqualTo(204);
    assertThat(fixture.service().logins().isTombstoned(login.loginId())).isTrue();

    assertThat(fixture.register(login.loginId()).status()).isEqualTo(201);

    assertThat(fixture.service().logins().isTombstoned(login.loginId())).isFalse();
    assertThat(deliver(webhook)).contains("recorded");
  }

  private byte[] detailWebhook(String loginId) throws Exception {
    String requestId =
        ((AuthorizeResult.Authorized) flinks.authorize().open(AuthorizeRequest.cached(loginId)))
            .requestId();
    ObjectNode body =
        (ObjectNode)
            fixture
                .json()
                .readTree(
                    flinks
                        .awaitAccountsDetail(requestId, DetailOptions.defaults(), null)
                        .rawJson());
    body.put("ResponseType", "GetAccountsDetail");
    return fixture.json().writeValueAsBytes(body);
  }

  private String deliver(byte[] body) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(fixture.uri(WebhookReceiver.PATH))
                    .header("Content-Type", "application/json")
                    .header(
                        FlinksWebhooks.AUTHENTICITY_HEADER,
                        FlinksWebhooks.sign(body, fixture.sandbox().webhookKey()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
