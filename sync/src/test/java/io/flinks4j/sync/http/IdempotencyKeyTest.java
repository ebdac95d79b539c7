package io.flinks4j.sync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.crypto.LoginIdProtector;
import io.flinks4j.sync.crypto.MasterKey;
import io.flinks4j.sync.idempotency.IdempotencyStore;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.TestDatabase;
import io.flinks4j.sync.testing.TestDialects;
import io.flinks4j.testkit.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * {@code Idempotency-Key} on writes, over real sockets, with two server instances sharing one H2 or
 * PostgreSQL database: the first request with a key runs, a retry gets its answer, another request
 * with the key is refused.
 */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class IdempotencyKeyTest {

  private static final String BACKEND = "backend-key-abcdefghijklmnop";
  private static final String OTHER = "other-key-abcdefghijklmnopqr";
  private static final String ADMIN = "admin-key-abcdefghijklmnopqr";
  private static final String SECRET_IN_ANSWER = "5e115eac-1209-4f19-641c-08d6d484e2fe";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Parameter Dialect dialect;

  static TestDatabase db;
  static LoginIdProtector protector;
  static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
  static final AtomicInteger EXECUTIONS = new AtomicInteger();
  static volatile CountDownLatch entered = new CountDownLatch(1);
  static volatile CountDownLatch release = new CountDownLatch(1);
  static ApiServer first;
  static ApiServer second;

  @BeforeParameterizedClassInvocation
  static void startTwoInstances(Dialect dialect) {
    db = TestDatabase.create(dialect);
    protector = new LoginIdProtector(MasterKey.generate()); // shared, as instances share the key
    first = server(new IdempotencyStore(db.database(), protector, Duration.ofHours(24), CLOCK));
    second = server(new IdempotencyStore(db.database(), protector, Duration.ofHours(24), CLOCK));
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    first.close();
    second.close();
    db.close();
  }

  @BeforeEach
  void reset() {
    EXECUTIONS.set(0);
    entered = new CountDownLatch(1);
    release = new CountDownLatch(1);
  }

  @AfterEach
  void unblock() {
    release.countDown();
  }

  private static ApiServer server(IdempotencyStore store) {
    SyncConfig config =
        SyncConfig.from(
            Settings.of(
                Map.of(
                    SyncConfig.API_KEYS,
                        "backend:write:"
                            + BACKEND
                            + ",other:write:"
                            + OTHER
                            + ",ops:admin:"
                            + ADMIN,
                    SyncConfig.HOST, "127.0.0.1",
                    SyncConfig.PORT, "0")));
    return ApiServer.builder(config)
        .idempotency(store)
        .routes(router ->
            router
                .post(
                    "/v1/things",
                    Operation.summary("Make a thing").response(201, "Made"),
                    ctx ->
                        ctx.status(201)
                            .json(
                                Map.of(
                                    "execution",
                                    EXECUTIONS.incrementAndGet(),
                                    "loginId",
                                    SECRET_IN_ANSWER,
                                    "body",
                                    ctx.body())))
                .post(
                    "/v1/slow",
                    Operation.summary("Make a thing slowly").response(201, "Made"),
                    ctx -> {
                      EXECUTIONS.incrementAndGet();
                      entered.countDown();
                      release.await(30, TimeUnit.SECONDS);
                      ctx.status(201).json(Map.of("made", "slowly"));
                    })
                .post(
                    "/v1/busy",
                    Operation.summary("Refuse for now").response(409, "Busy"),
                    ctx -> {
                      EXECUTIONS.incrementAndGet();
                      throw ApiException.conflict("busy", "try again later");
                    })
                .delete(
                    "/v1/things/{thingId}",
                    Operation.summary("Drop a thing").response(204, "Dropped"),
                    ctx -> {
                      EXECUTIONS.incrementAndGet();
                      ctx.status(204);
                    })
                .get(
                    "/v1/things",
                    Operation.summary("Things").response(200, "Things"),
                    ctx -> ctx.json(List.of())))
        .start();
  }

  @Test
  void a_retry_with_the_same_key_and_request_gets_the_first_answer_without_running_again()
      throws Exception {
    String key = UUID.randomUUID().toString();

    HttpResponse<String> original = post(first, "/v1/things", BACKEND, key, "{\"a\":1}");
    HttpResponse<String> retry = post(first, "/v1/things", BACKEND, key, "{\"a\":1}");
    HttpResponse<String> elsewhere = post(second, "/v1/things", BACKEND, key, "{\"a\":1}");

    assertThat(original.statusCode()).isEqualTo(201);
    assertThat(original.headers().firstValue(IdempotentWrites.REPLAYED)).isEmpty();
    for (HttpResponse<String> replay : List.of(retry, elsewhere)) {
      assertThat(replay.statusCode()).isEqualTo(201);
      assertThat(replay.body()).isEqualTo(original.body());
      assertThat(replay.headers().firstValue("Content-Type"))
          .isEqualTo(original.headers().firstValue("Content-Type"));
      assertThat(replay.headers().firstValue(IdempotentWrites.REPLAYED)).contains("true");
    }
    assertThat(EXECUTIONS.get()).isEqualTo(1);
  }

  @Test
  void the_same_key_with_another_body_or_path_is_422_and_runs_nothing() throws Exception {
    String key = UUID.randomUUID().toString();
    post(first, "/v1/things", BACKEND, key, "{\"a\":1}");

    HttpResponse<String> otherBody = post(first, "/v1/things", BACKEND, key, "{\"a\":2}");
    HttpResponse<String> otherPath =
        send(second, HttpRequest.newBuilder(uri(second, "/v1/things/7")).DELETE(), ADMIN, key);
    HttpResponse<String> otherRoute = post(second, "/v1/busy", BACKEND, key, "{\"a\":1}");

    assertThat(otherBody.statusCode()).isEqualTo(422);
    assertThat(code(otherBody)).isEqualTo("idempotency_key_reused");
    assertThat(otherRoute.statusCode()).isEqualTo(422);
    assertThat(otherPath.statusCode()).as("another API key: its own keys").isEqualTo(204);
    assertThat(EXECUTIONS.get()).isEqualTo(2); // the first POST and the admin's DELETE
  }

  @Test
  void keys_belong_to_the_api_key_that_sent_them() throws Exception {
    String key = UUID.randomUUID().toString();

    post(first, "/v1/things", BACKEND, key, "{}");
    HttpResponse<String> other = post(first, "/v1/things", OTHER, key, "{}");

    assertThat(other.statusCode()).isEqualTo(201);
    assertThat(other.headers().firstValue(IdempotentWrites.REPLAYED)).isEmpty();
    assertThat(EXECUTIONS.get()).isEqualTo(2);
  }

  @Test
  void two_concurrent_requests_with_one_key_on_two_instances_run_once_and_the_other_gets_409()
      throws Exception {
    String key = UUID.randomUUID().toString();
    CountDownLatch go = new CountDownLatch(1);
    CompletableFuture<HttpResponse<String>> onFirst =
        CompletableFuture.supplyAsync(() -> {
          await(go);
          return post(first, "/v1/slow", BACKEND, key, "{}");
        });
    CompletableFuture<HttpResponse<String>> onSecond =
        CompletableFuture.supplyAsync(() -> {
          await(go);
          return post(second, "/v1/slow", BACKEND, key, "{}");
        });

    go.countDown();
    // The winner waits inside the route until released, so the loser can only find the key in
    // flight.
    HttpResponse<String> loser =
        (HttpResponse<String>) CompletableFuture.anyOf(onFirst, onSecond).get(30, TimeUnit.SECONDS);
    release.countDown();
    HttpResponse<String> winner =
        (onFirst.get(30, TimeUnit.SECONDS) == loser ? onSecond : onFirst).get(30, TimeUnit.SECONDS);

    assertThat(loser.statusCode()).isEqualTo(409);
    assertThat(code(loser)).isEqualTo("idempotency_key_in_use");
    assertThat(loser.headers().firstValue("Retry-After")).contains("1");
    assertThat(winner.statusCode()).isEqualTo(201);
    assertThat(EXECUTIONS.get()).isEqualTo(1);
    HttpResponse<String> later = post(first, "/v1/slow", BACKEND, key, "{}");
    assertThat(later.statusCode()).isEqualTo(201);
    assertThat(later.headers().firstValue(IdempotentWrites.REPLAYED)).contains("true");
    assertThat(EXECUTIONS.get()).isEqualTo(1);
  }

  @Test
  void a_key_still_in_flight_is_409_on_every_instance() throws Exception {
    String key = UUID.randomUUID().toString();
    CompletableFuture<HttpResponse<String>> running =
        CompletableFuture.supplyAsync(() -> post(first, "/v1/slow", BACKEND, key, "{}"));
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

    assertThat(post(first, "/v1/slow", BACKEND, key, "{}").statusCode()).isEqualTo(409);
    assertThat(post(second, "/v1/slow", BACKEND, key, "{}").statusCode()).isEqualTo(409);

    release.countDown();
    assertThat(running.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
  }

  @Test
  void an_answer_that_is_not_2xx_releases_the_key_so_a_retry_runs_again() throws Exception {
    String key = UUID.randomUUID().toString();

    HttpResponse<String> busy = post(first, "/v1/busy", BACKEND, key, "{}");
    HttpResponse<String> retry = post(second, "/v1/busy", BACKEND, key, "{}");

    assertThat(busy.statusCode()).isEqualTo(409);
    assertThat(code(busy)).isEqualTo("busy");
    assertThat(retry.statusCode()).isEqualTo(409);
    assertThat(retry.headers().firstValue(IdempotentWrites.REPLAYED)).isEmpty();
    assertThat(EXECUTIONS.get()).isEqualTo(2);
  }

  @Test
  void a_delete_without_a_body_is_replayed_as_204() throws Exception {
    String key = UUID.randomUUID().toString();
    URI thing = uri(first, "/v1/things/9");

    assertThat(send(first, HttpRequest.newBuilder(thing).DELETE(), ADMIN, key).statusCode())
        .isEqualTo(204);
    HttpResponse<String> replay = send(first, HttpRequest.newBuilder(thing).DELETE(), ADMIN, key);

    assertThat(replay.statusCode()).isEqualTo(204);
    assertThat(replay.body()).isEmpty();
    assertThat(replay.headers().firstValue(IdempotentWrites.REPLAYED)).contains("true");
    assertThat(EXECUTIONS.get()).isEqualTo(1);
  }

  @Test
  void a_key_expires_after_its_time_and_then_runs_again() throws Exception {
    String key = UUID.randomUUID().toString();
    post(first, "/v1/things", BACKEND, key, "{}");

    CLOCK.advance(Duration.ofHours(24));
    HttpResponse<String> after = post(first, "/v1/things", BACKEND, key, "{\"new\":true}");

    assertThat(after.statusCode()).isEqualTo(201);
    assertThat(after.headers().firstValue(IdempotentWrites.REPLAYED)).isEmpty();
    assertThat(EXECUTIONS.get()).isEqualTo(2);
  }

  @Test
  void expired_keys_are_purged() throws Exception {
    IdempotencyStore store =
        new IdempotencyStore(db.database(), protector, Duration.ofHours(24), CLOCK);
    post(first, "/v1/things", BACKEND, UUID.randomUUID().toString(), "{}");
    long before = db.count("idempotency_keys");

    CLOCK.advance(Duration.ofHours(25));

    assertThat(store.purgeExpired()).isEqualTo((int) before);
    assertThat(db.count("idempotency_keys")).isZero();
  }

  @Test
  void a_claim_abandoned_in_flight_by_a_dead_instance_is_taken_over() throws Exception {
    String key = UUID.randomUUID().toString();
    IdempotencyStore deadInstance =
        new IdempotencyStore(db.database(), protector, Duration.ofHours(24), CLOCK);
    assertThat(deadInstance.claim("backend", key, "whatever it was running"))
        .isInstanceOf(IdempotencyStore.Claimed.class);
    assertThat(post(first, "/v1/things", BACKEND, key, "{}").statusCode())
        .as("held for another request")
        .isEqualTo(422);

    CLOCK.advance(Duration.ofMinutes(6));

    assertThat(post(first, "/v1/things", BACKEND, key, "{}").statusCode()).isEqualTo(201);
    assertThat(EXECUTIONS.get()).isEqualTo(1);
  }

  @Test
  void the_stored_answer_and_key_are_not_in_clear() throws Exception {
    String key = "register-" + SECRET_IN_ANSWER;
    post(first, "/v1/things", BACKEND, key, "{}");

    String row =
        db.database()
            .inTransaction(c -> {
              try (var rows =
                  c.createStatement()
                      .executeQuery(
                          "select key_hash, request_hash, response_type, response_body from idempotency_keys")) {
                StringBuilder all = new StringBuilder();
                while (rows.next()) {
                  for (int i = 1; i <= 4; i++) {
                    all.append(rows.getString(i)).append('|');
                  }
                }
                return all.toString();
              }
            });
    assertThat(row)
        .isNotEmpty()
        .doesNotContain(SECRET_IN_ANSWER)
        .doesNotContain("register-")
        .doesNotContain("execution");
  }

  @Test
  void a_malformed_key_is_400_and_runs_nothing() throws Exception {
    for (String bad : List.of("k".repeat(256), "with space", "tab\tin")) {
      HttpResponse<String> response = post(first, "/v1/things", BACKEND, bad, "{}");

      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(code(response)).isEqualTo("invalid_idempotency_key");
    }
    assertThat(EXECUTIONS.get()).isZero();
  }

  @Test
  void without_the_header_every_request_runs() throws Exception {
    post(first, "/v1/things", BACKEND, null, "{}");
    post(first, "/v1/things", BACKEND, null, "{}");

    assertThat(EXECUTIONS.get()).isEqualTo(2);
  }

  @Test
  void the_openapi_document_offers_the_header_on_writes_only() throws Exception {
    HttpResponse<String> document =
        send(first, HttpRequest.newBuilder(uri(first, "/v1/openapi.json")).GET(), BACKEND, null);
    JsonNode paths = JSON.readTree(document.body()).path("paths");

    JsonNode post = paths.path("/v1/things").path("post");
    assertThat(post.path("parameters").findValuesAsText("name")).contains(IdempotentWrites.HEADER);
    assertThat(post.path("responses").has("422")).isTrue();
    assertThat(
            paths
                .path("/v1/things/{thingId}")
                .path("delete")
                .path("parameters")
                .findValuesAsText("name"))
        .contains(IdempotentWrites.HEADER);
    assertThat(paths.path("/v1/things").path("get").path("parameters").findValuesAsText("name"))
        .doesNotContain(IdempotentWrites.HEADER);
  }

  private static HttpResponse<String> post(
      ApiServer server, String path, String apiKey, String key, String body) {
    return send(
        server,
        HttpRequest.newBuilder(uri(server, path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        apiKey,
        key);
  }

  private static HttpResponse<String> send(
      ApiServer server, HttpRequest.Builder request, String apiKey, String idempotencyKey) {
    request.header("Authorization", "Bearer " + apiKey);
    if (idempotencyKey != null) {
      request.header(IdempotentWrites.HEADER, idempotencyKey);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static URI uri(ApiServer server, String path) {
    return server.localUri().resolve(path);
  }

  private static String code(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).path("error").path("code").asText();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
