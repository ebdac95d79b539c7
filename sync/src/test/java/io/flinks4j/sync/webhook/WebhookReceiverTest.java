package io.flinks4j.sync.webhook;

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
import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.EngineSettings;
import io.flinks4j.sync.EventReceiver;
import io.flinks4j.sync.retrieval.Retrieval;
import io.flinks4j.sync.retrieval.RetrievalMode;
import io.flinks4j.sync.retrieval.RetrievalState;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.TestDialects;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * {@code POST /webhooks/flinks}: signature, durability, deduplication and racing a poll, on H2 and
 * PostgreSQL.
 */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class WebhookReceiverTest {

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  @Parameter Dialect dialect;

  static EngineFixture fixture;
  static EventReceiver lender;
  static FlinksClient flinks;
  private final HttpClient http = HttpClient.newHttpClient();

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

  private SandboxLogin newLogin(Duration processingDelay) {
    return fixture
        .sandbox()
        .createLogin(
            LoginSpec.named("hook-" + UUID.randomUUID())
                .withTransactionsPerYear(300)
                .withProcessingDelay(processingDelay));
  }

  /**
   * A {@code GetAccountsDetail} webhook body as Flinks would send it after the session {@code
   * requestId}.
   */
  private byte[] detailWebhook(String requestId) {
    var detail = flinks.awaitAccountsDetail(requestId, DetailOptions.defaults(), null);
    try {
      ObjectNode body = (ObjectNode) fixture.json().readTree(detail.rawJson());
      body.put("ResponseType", "GetAccountsDetail");
      return fixture.json().writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String openSession(String loginId) {
    return ((AuthorizeResult.Authorized) flinks.authorize().open(AuthorizeRequest.cached(loginId)))
        .requestId();
  }

  private HttpResponse<String> deliver(byte[] body, String signature) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(fixture.uri(WebhookReceiver.PATH))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header(FlinksWebhooks.AUTHENTICITY_HEADER, signature);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> deliverSigned(byte[] body) {
    return deliver(body, FlinksWebhooks.sign(body, fixture.sandbox().webhookKey()));
  }

  private long readyEventsFor(String loginId) {
    return lender.deliveries().stream()
        .map(d -> {
          try {
            return fixture.json().readTree(d.body());
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        })
        .filter(event ->
            event.path("type").asText().equals("login.ready")
                && event.path("data").path("loginId").asText().equals(loginId))
        .map(event -> event.path("id").asText())
        .distinct()
        .count();
  }

  @Test
  void a_signed_detail_webhook_for_an_unknown_login_registers_it_and_stores_its_data() {
    SandboxLogin login = newLogin(Duration.ZERO);
    byte[] body = detailWebhook(openSession(login.loginId()));

    HttpResponse<String> response = deliverSigned(body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("recorded");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() ->
            fixture.retrieval(login.loginId()).map(Retrieval::state).orElse(null)
                == RetrievalState.READY);
    assertThat(fixture.retrieval(login.loginId()).orElseThrow().mode())
        .isEqualTo(RetrievalMode.WEBHOOK);
    assertThat(fixture.transactionsOf(login.loginId()))
        .isEqualTo(fixture.sandbox().groundTruth(login.loginId()).transactionsLast90Days());
  }

  @Test
  void a_webhook_with_a_wrong_signature_is_refused_and_not_recorded() {
    SandboxLogin login = newLogin(Duration.ZERO);
    byte[] body = detailWebhook(openSession(login.loginId()));
    long before = fixture.count("select count(*) from received_webhooks");

    HttpResponse<String> response = deliver(body, FlinksWebhooks.sign(body, "not-the-key"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("invalid_signature");
    assertThat(fixture.count("select count(*) from received_webhooks")).isEqualTo(before);
    assertThat(fixture.service().logins().find(login.loginId())).isEmpty();
  }

  @Test
  void an_unsigned_webhook_is_refused() {
    SandboxLogin login = newLogin(Duration.ZERO);

    HttpResponse<String> response = deliver(detailWebhook(openSession(login.loginId())), null);

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void a_signed_body_that_is_not_json_is_refused_with_400() {
    byte[] body = "not json".getBytes(StandardCharsets.UTF_8);

    assertThat(deliverSigned(body).statusCode()).isEqualTo(400);
  }

  @Test
  void a_kyc_webhook_sets_the_login_holder() throws IOException {
    SandboxLogin login = newLogin(Duration.ZERO);
    ObjectNode kyc;
    try (var in = getClass().getResourceAsStream("/fixtures/webhook-kyc.json")) {
      kyc = (ObjectNode) fixture.json().readTree(in);
    }
    ((ObjectNode) kyc.path("Login")).put("Id", login.loginId());
    kyc.put("RequestId", UUID.randomUUID().toString());

    assertThat(deliverSigned(fixture.json().writeValueAsBytes(kyc)).statusCode()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() ->
            fixture.service().logins().find(login.loginId()).isPresent()
                && fixture.count(
                        "select count(*) from holders where login_id = ? and account_id is null and name = ?",
                        fixture.loginRef(login.loginId()),
                        "Ron Swanson")
                    == 1);
  }

  @Test
  void a_webhook_delivered_twice_has_one_effect() {
    SandboxLogin login = newLogin(Duration.ZERO);
    String requestId = openSession(login.loginId());
    byte[] body = detailWebhook(requestId);

    HttpResponse<String> first = deliverSigned(body);
    HttpResponse<String> second = deliverSigned(body);

    assertThat(first.body()).contains("recorded");
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).contains("duplicate");
    await().atMost(Duration.ofSeconds(10)).until(() -> readyEventsFor(login.loginId()) == 1);
    assertThat(
            fixture.count("select count(*) from received_webhooks where dedupe_key = ?", requestId))
        .isOne();
    assertThat(
            fixture.count(
                "select count(*) from retrievals where login_id = ?",
                fixture.loginRef(login.loginId())))
        .isOne();
  }

  @Test
  void completions_racing_on_one_retrieval_store_its_data_once() throws Exception {
    SandboxLogin waiting = newLogin(Duration.ofHours(1));
    fixture.register(waiting.loginId());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() ->
            fixture.retrieval(waiting.loginId()).map(r -> r.requestId() != null).orElse(false));
    String requestId = fixture.retrieval(waiting.loginId()).orElseThrow().requestId();
    long loginRef = fixture.loginRef(waiting.loginId());
    SandboxLogin other = newLogin(Duration.ZERO);
    var payload =
        flinks.awaitAccountsDetail(openSession(other.loginId()), DetailOptions.defaults(), null);

    int racers = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> outcomes = new ArrayList<>();
    try (var threads = Executors.newFixedThreadPool(racers)) {
      for (int i = 0; i < racers; i++) {
        outcomes.add(
            threads.submit(() -> {
              start.await();
              return fixture.service().engine().completeFromWebhook(loginRef, requestId, payload);
            }));
      }
      start.countDown();
      long stored = 0;
      for (Future<Boolean> outcome : outcomes) {
        stored += outcome.get() ? 1 : 0;
      }
      assertThat(stored).isOne();
    }
    assertThat(fixture.retrieval(waiting.loginId()).orElseThrow().state())
        .isEqualTo(RetrievalState.READY);
    assertThat(fixture.transactionsOf(waiting.loginId()))
        .isEqualTo(payload.accounts().stream().mapToLong(a -> a.transactions().size()).sum());
    await().atMost(Duration.ofSeconds(10)).until(() -> readyEventsFor(waiting.loginId()) >= 1);
    assertThat(readyEventsFor(waiting.loginId())).isOne();
  }

  @Test
  void a_webhook_racing_a_poll_completes_the_retrieval_exactly_once() {
    SandboxLogin login = newLogin(Duration.ofMillis(800));
    fixture.register(login.loginId());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> fixture.retrieval(login.loginId()).map(r -> r.requestId() != null).orElse(false));
    String requestId = fixture.retrieval(login.loginId()).orElseThrow().requestId();

    // Ready at the same moment the engine's next poll gets its 200.
    HttpResponse<String> response = deliverSigned(detailWebhook(requestId));

    assertThat(response.statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() ->
            fixture.count(
                        "select count(*) from received_webhooks where dedupe_key = ? and processed_at is not null",
                        requestId)
                    == 1
                && fixture.retrieval(login.loginId()).orElseThrow().state()
                    == RetrievalState.READY);
    assertThat(
            fixture.count(
                "select count(*) from retrievals where login_id = ?",
                fixture.loginRef(login.loginId())))
        .isOne();
    assertThat(fixture.transactionsOf(login.loginId()))
        .isEqualTo(fixture.sandbox().groundTruth(login.loginId()).transactionsLast90Days());
    await().atMost(Duration.ofSeconds(10)).until(() -> readyEventsFor(login.loginId()) >= 1);
    assertThat(readyEventsFor(login.loginId())).isOne();
  }
}
