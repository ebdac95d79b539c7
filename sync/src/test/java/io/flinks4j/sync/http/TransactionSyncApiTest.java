package io.flinks4j.sync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sandbox.Behaviour;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.GroundTruth;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.EngineSettings;
import io.flinks4j.sync.EventReceiver;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.TestDialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * The change feed end to end: the sandbox revises transactions at a live refresh, the service
 * retrieves them through the client, and {@code /v1/logins/{loginId}/transactions/sync} reports
 * exactly what the ground truth says changed.
 */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class TransactionSyncApiTest {

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  @Parameter Dialect dialect;

  static EngineFixture fixture;
  static EventReceiver lender;

  @BeforeParameterizedClassInvocation
  static void start(Dialect dialect, FlinksSandbox sandbox) {
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
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    fixture.close();
    lender.close();
  }

  @Test
  void a_live_refresh_that_revises_history_shows_as_modified_and_removed_transactions() {
    SandboxLogin login =
        fixture
            .sandbox()
            .createLogin(
                LoginSpec.named("revise-" + UUID.randomUUID())
                    .withBehaviour(Behaviour.REVISES_TRANSACTIONS)
                    .withTransactionsPerYear(600)
                    .withProcessingDelay(Duration.ZERO));
    String loginId = login.loginId();
    assertThat(fixture.register(loginId).status()).isEqualTo(201);
    fixture.awaitReady(loginId, fixture.retrieval(loginId).orElseThrow().id());

    Feed first = readAll(loginId, null);
    assertThat(first.added)
        .hasSize(fixture.sandbox().groundTruth(loginId).transactionsLast90Days());
    assertThat(first.modified).isEmpty();
    assertThat(first.removed).isEmpty();

    String refresh =
        fixture
            .post("/v1/logins/" + loginId + "/refresh", "{\"live\":true}")
            .body()
            .path("id")
            .asText();
    fixture.awaitReady(loginId, refresh);
    GroundTruth truth = fixture.sandbox().groundTruth(loginId);
    Feed second = readAll(loginId, first.cursor);

    assertThat(truth.modifiedTransactionIds()).isNotEmpty();
    assertThat(truth.removedTransactionIds()).isNotEmpty();
    assertThat(second.modified).isEqualTo(new TreeSet<>(truth.modifiedTransactionIds()));
    assertThat(second.removed).isEqualTo(new TreeSet<>(truth.removedTransactionIds()));
    assertThat(second.added).isNotEmpty().doesNotContainAnyElementsOf(first.added);
    assertThat(readAll(loginId, second.cursor).changes()).isZero();

    List<JsonNode> updates = events("transactions.updated", loginId);
    assertThat(updates).hasSize(2);
    assertThat(updates.get(0).path("added").asInt()).isEqualTo(first.added.size());
    assertThat(updates.get(1).path("modified").asInt())
        .isEqualTo(truth.modifiedTransactionIds().size());
    assertThat(updates.get(1).path("removed").asInt())
        .isEqualTo(truth.removedTransactionIds().size());
    assertThat(updates.get(1).path("added").asInt()).isEqualTo(second.added.size());
  }

  @Test
  void a_client_applying_the_feed_holds_what_the_transaction_listing_serves() {
    SandboxLogin login =
        fixture
            .sandbox()
            .createLogin(
                LoginSpec.named("mirror-" + UUID.randomUUID())
                    .withBehaviour(Behaviour.REVISES_TRANSACTIONS)
                    .withTransactionsPerYear(300)
                    .withAccounts(2)
                    .withProcessingDelay(Duration.ZERO));
    String loginId = login.loginId();
    fixture.register(loginId);
    fixture.awaitReady(loginId, fixture.retrieval(loginId).orElseThrow().id());
    Map<String, String> mirror = new TreeMap<>();
    String cursor = apply(loginId, null, mirror);
    for (int i = 0; i < 2; i++) {
      fixture.awaitReady(
          loginId,
          fixture
              .post("/v1/logins/" + loginId + "/refresh", "{\"live\":true}")
              .body()
              .path("id")
              .asText());
      cursor = apply(loginId, cursor, mirror);
    }

    Map<String, String> listed = new TreeMap<>();
    for (JsonNode account :
        fixture.get("/v1/logins/" + loginId + "/accounts").body().path("data")) {
      JsonNode page =
          fixture
              .get("/v1/accounts/" + account.path("id").asText() + "/transactions?limit=1000")
              .body();
      page.path("data")
          .forEach(t ->
              listed.put(
                  account.path("id").asText() + "|" + t.path("id").asText(),
                  t.path("description").asText()));
    }
    assertThat(mirror).isEqualTo(listed).isNotEmpty();
  }

  @Test
  void a_cursor_of_another_login_or_a_made_up_one_is_refused() {
    SandboxLogin login =
        fixture
            .sandbox()
            .createLogin(
                LoginSpec.named("cursor-" + UUID.randomUUID())
                    .withTransactionsPerYear(50)
                    .withProcessingDelay(Duration.ZERO));
    fixture.register(login.loginId());
    String cursor =
        fixture
            .get("/v1/logins/" + login.loginId() + "/transactions/sync")
            .body()
            .path("nextCursor")
            .asText();
    SandboxLogin other =
        fixture
            .sandbox()
            .createLogin(
                LoginSpec.named("other-" + UUID.randomUUID())
                    .withTransactionsPerYear(50)
                    .withProcessingDelay(Duration.ZERO));
    fixture.register(other.loginId());

    for (String bad : List.of(cursor, "not-a-cursor", "c3luYzox")) {
      EngineFixture.Response response =
          fixture.get("/v1/logins/" + other.loginId() + "/transactions/sync?cursor=" + bad);
      assertThat(response.status()).as(bad).isEqualTo(400);
      assertThat(response.body().path("error").path("code").asText()).isEqualTo("invalid_cursor");
    }
    assertThat(fixture.get("/v1/logins/" + other.loginId() + "/transactions/sync?limit=0").status())
        .isEqualTo(400);
    assertThat(fixture.get("/v1/logins/" + UUID.randomUUID() + "/transactions/sync").status())
        .isEqualTo(404);
  }

  /** What the feed said from {@code cursor} until it had no more, by transaction id. */
  private record Feed(Set<String> added, Set<String> modified, Set<String> removed, String cursor) {
    int changes() {
      return added.size() + modified.size() + removed.size();
    }
  }

  private Feed readAll(String loginId, String cursor) {
    Set<String> added = new TreeSet<>();
    Set<String> modified = new TreeSet<>();
    Set<String> removed = new TreeSet<>();
    JsonNode page;
    do {
      page =
          fixture
              .get(
                  "/v1/logins/"
                      + loginId
                      + "/transactions/sync?limit=37"
                      + (cursor == null ? "" : "&cursor=" + cursor))
              .body();
      page.path("added").forEach(t -> added.add(t.path("id").asText()));
      page.path("modified").forEach(t -> modified.add(t.path("id").asText()));
      page.path("removed").forEach(t -> removed.add(t.path("id").asText()));
      cursor = page.path("nextCursor").asText();
    } while (page.path("hasMore").asBoolean());
    return new Feed(added, modified, removed, cursor);
  }

  /**
   * Applies the feed from {@code cursor} to {@code mirror} (key account|id, value description); the
   * next cursor.
   */
  private String apply(String loginId, String cursor, Map<String, String> mirror) {
    JsonNode page;
    do {
      page =
          fixture
              .get(
                  "/v1/logins/"
                      + loginId
                      + "/transactions/sync?limit=50"
                      + (cursor == null ? "" : "&cursor=" + cursor))
              .body();
      for (String kind : List.of("added", "modified")) {
        page.path(kind)
            .forEach(t ->
                mirror.put(
                    t.path("accountId").asText() + "|" + t.path("id").asText(),
                    t.path("description").asText()));
      }
      page.path("removed")
          .forEach(t -> mirror.remove(t.path("accountId").asText() + "|" + t.path("id").asText()));
      cursor = page.path("nextCursor").asText();
    } while (page.path("hasMore").asBoolean());
    return cursor;
  }

  /**
   * The data of the events of {@code type} about {@code loginId}, in delivery order, once all have
   * arrived.
   */
  private static List<JsonNode> events(String type, String loginId) {
    await().atMost(Duration.ofSeconds(30)).until(() -> matching(type, loginId).size() >= 2);
    return matching(type, loginId);
  }

  private static List<JsonNode> matching(String type, String loginId) {
    List<JsonNode> found = new ArrayList<>();
    for (EventReceiver.Delivery delivery : lender.deliveries()) {
      try {
        JsonNode event = fixture.json().readTree(delivery.body());
        if (event.path("type").asText().equals(type)
            && event.path("data").path("loginId").asText().equals(loginId)) {
          found.add(event.path("data"));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return found;
  }
}
