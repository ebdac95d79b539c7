package io.flinks4j.sync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinks4j.client.webhook.FlinksWebhooks;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.EngineSettings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.retrieval.Retrieval;
import io.flinks4j.sync.retrieval.RetrievalState;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.TestDialects;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.slf4j.LoggerFactory;

/**
 * A webhook whose apply keeps failing is retried a bounded number of times, then parked as a dead
 * letter that an admin key lists and replays; the logs name the failure by SQLState only. On H2 and
 * PostgreSQL.
 *
 * <p>The failure is real: a check constraint the test adds refuses one account title, so the
 * database rejects the ingest exactly as it would a value it cannot store; dropping it lets the
 * replay succeed.
 */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class DeadLettersTest {

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  private static final String WRITE_KEY = "backend-write-key-abcdefghijkl";

  @Parameter Dialect dialect;

  static EngineFixture fixture;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final String poison = "poison-" + UUID.randomUUID();

  @BeforeParameterizedClassInvocation
  static void startService(Dialect dialect, FlinksSandbox sandbox) {
    fixture =
        EngineFixture.start(
            dialect,
            sandbox,
            Map.of(
                EngineSettings.WEBHOOK_MAX_ATTEMPTS, "3",
                EngineSettings.WEBHOOK_RETRY_BASE, "50ms",
                SyncConfig.API_KEYS, EngineFixture.API_KEY + ",backend:write:" + WRITE_KEY));
  }

  @AfterParameterizedClassInvocation
  static void stopService() {
    fixture.close();
  }

  @BeforeEach
  void refuseThePoisonTitle() {
    execute(
        "alter table accounts add constraint ck_"
            + constraint()
            + " check (title <> '"
            + poison
            + "')");
    logs.start();
    root().addAppender(logs);
  }

  @AfterEach
  void allowItAgain() {
    root().detachAppender(logs);
    execute("alter table accounts drop constraint if exists ck_" + constraint());
  }

  @Test
  void a_webhook_that_keeps_failing_is_parked_after_its_attempts_and_listed_with_its_reason() {
    SandboxLogin login = newLogin();

    assertThat(deliverSigned(poisonedWebhook(login)).body()).contains("recorded");

    JsonNode letter = awaitDeadLetter(login.loginId());
    assertThat(letter.path("attempts").asInt()).isEqualTo(3);
    assertThat(letter.path("type").asText()).isEqualTo("GetAccountsDetail");
    // A check violation: 23514 on PostgreSQL, 23513 on H2.
    assertThat(letter.path("reason").asText()).matches("sqlstate_2351[34]");
    assertThat(letter.path("receivedAt").asText()).isNotBlank();
    assertThat(
            fixture.count(
                "select count(*) from received_webhooks where id = ? and processed_at is null",
                letter.path("id").asText()))
        .isOne();
    assertThat(
            fixture.count(
                "select count(*) from scheduled_tasks where task_name = ? and task_instance = ?",
                WebhookReceiver.TASK,
                letter.path("id").asText()))
        .isZero();
    String logged = String.join("\n", logs.list.stream().map(DeadLettersTest::text).toList());
    assertThat(logged)
        .contains("parked as a dead letter")
        .contains(letter.path("reason").asText())
        .doesNotContain(poison)
        .doesNotContain(login.loginId());
  }

  @Test
  void a_replay_by_an_admin_key_applies_the_webhook_once_the_cause_is_gone() {
    SandboxLogin login = newLogin();
    deliverSigned(poisonedWebhook(login));
    String id = awaitDeadLetter(login.loginId()).path("id").asText();
    execute("alter table accounts drop constraint ck_" + constraint());

    EngineFixture.Response replayed = fixture.post(DeadLetters.PATH + "/" + id + "/replay", "");

    assertThat(replayed.status()).isEqualTo(202);
    assertThat(replayed.body().path("status").asText()).isEqualTo("requeued");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() ->
            fixture.retrieval(login.loginId()).map(Retrieval::state).orElse(null)
                == RetrievalState.READY);
    assertThat(deadLetterFor(login.loginId())).isEmpty();
    assertThat(
            fixture.count(
                "select count(*) from received_webhooks where id = ? and outcome = 'stored'"
                    + " and body is null",
                id))
        .isOne();
  }

  @Test
  void listing_and_replaying_need_the_admin_scope() throws Exception {
    SandboxLogin login = newLogin();
    deliverSigned(poisonedWebhook(login));
    String id = awaitDeadLetter(login.loginId()).path("id").asText();

    assertThat(send("GET", DeadLetters.PATH, WRITE_KEY).statusCode()).isEqualTo(403);
    assertThat(send("POST", DeadLetters.PATH + "/" + id + "/replay", WRITE_KEY).statusCode())
        .isEqualTo(403);
    assertThat(
            fixture.count(
                "select count(*) from received_webhooks where id = ? and dead_at is not null", id))
        .isOne();
  }

  @Test
  void the_list_is_paged_by_cursor_in_parking_order() {
    SandboxLogin first = newLogin();
    SandboxLogin second = newLogin();
    deliverSigned(poisonedWebhook(first));
    awaitDeadLetter(first.loginId());
    deliverSigned(poisonedWebhook(second));
    awaitDeadLetter(second.loginId());

    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          fixture
              .get(DeadLetters.PATH + "?limit=1" + (cursor == null ? "" : "&cursor=" + cursor))
              .body();
      assertThat(page.path("data").size()).isOne();
      page.path("data").forEach(letter -> paged.add(letter.path("loginId").asText()));
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
    } while (cursor != null);

    List<String> whole = new ArrayList<>();
    fixture
        .get(DeadLetters.PATH)
        .body()
        .path("data")
        .forEach(letter -> whole.add(letter.path("loginId").asText()));
    assertThat(paged).isEqualTo(whole);
    assertThat(paged.indexOf(first.loginId()))
        .isNotNegative()
        .isLessThan(paged.indexOf(second.loginId()));
    assertThat(fixture.get(DeadLetters.PATH + "?cursor=not-a-cursor").status()).isEqualTo(400);
  }

  @Test
  void replaying_an_unknown_id_is_404() {
    assertThat(fixture.post(DeadLetters.PATH + "/" + UUID.randomUUID() + "/replay", "").status())
        .isEqualTo(404);
    assertThat(fixture.post(DeadLetters.PATH + "/not-an-id/replay", "").status()).isEqualTo(404);
  }

  // ---- helpers
  // ---------------------------------------------------------------------------------------------------

  private SandboxLogin newLogin() {
    return fixture
        .sandbox()
        .createLogin(LoginSpec.named("dead-" + UUID.randomUUID()).withTransactionsPerYear(50));
  }

  /** A GetAccountsDetail webhook for {@code login} whose accounts carry the refused title. */
  private byte[] poisonedWebhook(SandboxLogin login) {
    ObjectNode body = fixture.accountsDetailWebhook(login.loginId());
    body.path("Accounts").forEach(account -> ((ObjectNode) account).put("Title", poison));
    try {
      return fixture.json().writeValueAsBytes(body);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> deliverSigned(byte[] body) {
    try {
      return http.send(
          HttpRequest.newBuilder(fixture.uri(WebhookReceiver.PATH))
              .header("Content-Type", "application/json")
              .header(
                  FlinksWebhooks.AUTHENTICITY_HEADER,
                  FlinksWebhooks.sign(body, fixture.sandbox().webhookKey()))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> send(String method, String path, String key) throws Exception {
    return http.send(
        HttpRequest.newBuilder(fixture.uri(path))
            .header("Authorization", "Bearer " + key)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode awaitDeadLetter(String loginId) {
    await().atMost(Duration.ofSeconds(15)).until(() -> deadLetterFor(loginId).isPresent());
    return deadLetterFor(loginId).orElseThrow();
  }

  private Optional<JsonNode> deadLetterFor(String loginId) {
    EngineFixture.Response list = fixture.get(DeadLetters.PATH);
    assertThat(list.status()).isEqualTo(200);
    return StreamSupport.stream(list.body().path("data").spliterator(), false)
        .filter(letter -> letter.path("loginId").asText().equals(loginId))
        .findFirst();
  }

  private String constraint() {
    return poison.substring(7).replace("-", "");
  }

  private static void execute(String ddl) {
    fixture
        .database()
        .database()
        .inTransaction(c -> {
          try (var statement = c.createStatement()) {
            statement.execute(ddl);
          }
          return null;
        });
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static String text(ILoggingEvent event) {
    return event.getFormattedMessage()
        + (event.getThrowableProxy() == null
            ? ""
            : ThrowableProxyUtil.asString(event.getThrowableProxy()));
  }
}
