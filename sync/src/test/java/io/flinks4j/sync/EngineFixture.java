package io.flinks4j.sync;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinks4j.client.AuthorizeRequest;
import io.flinks4j.client.AuthorizeResult;
import io.flinks4j.client.DetailOptions;
import io.flinks4j.client.FlinksClient;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.http.HttpSettings;
import io.flinks4j.sync.login.StoredLogin;
import io.flinks4j.sync.retrieval.Retrieval;
import io.flinks4j.sync.retrieval.RetrievalState;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A running {@link SyncService} on a fresh test database (in-memory H2, or a random PostgreSQL
 * schema), talking to a sandbox over real sockets, with the short intervals that keep engine tests
 * in seconds.
 */
public final class EngineFixture implements AutoCloseable {

  public static final String API_KEY = "engine-test-key-0123456789abcdefgh";
  public static final String ENCRYPTION_KEY = randomKey();

  private final FlinksSandbox sandbox;
  private final TestDatabase database;
  private final SyncService service;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  private EngineFixture(FlinksSandbox sandbox, TestDatabase database, SyncService service) {
    this.sandbox = sandbox;
    this.database = database;
    this.service = service;
  }

  /** Settings every engine test shares: the sandbox's credentials and fast pacing. */
  public static Map<String, String> settings(FlinksSandbox sandbox) {
    Map<String, String> s = new HashMap<>();
    s.put(SyncConfig.FLINKS_BASE_URL, sandbox.baseUrl());
    s.put(SyncConfig.FLINKS_CUSTOMER_ID, sandbox.customerId());
    s.put(SyncConfig.FLINKS_SECRET_KEY, sandbox.secretKey());
    s.put(SyncConfig.FLINKS_API_KEY, sandbox.apiKey());
    s.put(SyncConfig.WEBHOOK_KEY, sandbox.webhookKey());
    s.put(EngineSettings.CONNECT_URL, sandbox.connectUrl());
    s.put(SyncConfig.API_KEYS, API_KEY);
    // Tests walk every route with wrong keys from one address; AuthThrottleTest covers the throttle
    // itself.
    s.put(HttpSettings.AUTH_FAILURE_LIMIT, "0");
    s.put(SyncConfig.HOST, "127.0.0.1");
    s.put(SyncConfig.PORT, "0");
    s.put(SyncConfig.ENCRYPTION_KEY, ENCRYPTION_KEY);
    s.put(EngineSettings.POLL_INTERVAL, "200ms");
    s.put(EngineSettings.RETRY_BASE, "100ms");
    s.put(EngineSettings.SCHEDULER_POLLING, "50ms");
    s.put(EngineSettings.SWEEP_INTERVAL, "1s");
    s.put(EngineSettings.RATE_LIMIT, "0");
    s.put(EngineSettings.CACHED_REFRESH, "0s");
    s.put(EngineSettings.LIVE_REFRESH, "0s");
    return s;
  }

  public static EngineFixture start(
      Dialect dialect, FlinksSandbox sandbox, Map<String, String> overrides) {
    Map<String, String> s = settings(sandbox);
    s.putAll(overrides);
    TestDatabase database = TestDatabase.create(dialect);
    try {
      SyncService service = SyncService.start(SyncConfig.from(Settings.of(s)), database.config());
      return new EngineFixture(sandbox, database, service);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  // ---- HTTP
  // -----------------------------------------------------------------------------------------------------

  public FlinksSandbox sandbox() {
    return sandbox;
  }

  public TestDatabase database() {
    return database;
  }

  public SyncService service() {
    return service;
  }

  public ObjectMapper json() {
    return json;
  }

  /** Status and JSON body of an API answer. */
  public record Response(int status, JsonNode body) {}

  public Response post(String path, String body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  /** The body of a plain-text answer (e.g. {@code /metrics}). */
  public String getText(String path) {
    return exchange(HttpRequest.newBuilder(uri(path)).GET(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  public Response delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  public Response register(String loginId) {
    return post("/v1/logins", "{\"loginId\":\"" + loginId + "\"}");
  }

  public Response patch(String path, String body) {
    return send(patchRequest(path, body));
  }

  /**
   * A PATCH with an {@code Idempotency-Key}, answered as it came: headers and the body's exact
   * bytes, which a replay must repeat.
   */
  public HttpResponse<String> patch(String path, String body, String idempotencyKey) {
    return exchange(
        patchRequest(path, body).header("Idempotency-Key", idempotencyKey),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A GET whose answer is not JSON (a statement's PDF). */
  public HttpResponse<byte[]> getBytes(String path) {
    return exchange(
        HttpRequest.newBuilder(uri(path)).GET(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder patchRequest(String path, String body) {
    return HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body));
  }

  private Response send(HttpRequest.Builder request) {
    HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), parse(response.body()));
  }

  /** {@code body} as JSON; an empty body is JSON null. */
  public JsonNode parse(String body) {
    try {
      return body.isEmpty() ? json.nullNode() : json.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> HttpResponse<T> exchange(
      HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request.header("Authorization", "Bearer " + API_KEY).build(), handler);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The body of a {@code GetAccountsDetail} webhook for {@code loginId}: a cached detail fetched
   * from the sandbox (as Flinks would push it), for tests to alter and deliver signed.
   */
  public ObjectNode accountsDetailWebhook(String loginId) {
    return accountsDetailWebhook(sandbox, loginId);
  }

  /**
   * The body Flinks would POST to the webhook for a cached retrieval of {@code loginId} from {@code
   * sandbox}.
   */
  public static ObjectNode accountsDetailWebhook(FlinksSandbox sandbox, String loginId) {
    try (FlinksClient flinks =
        FlinksClient.builder()
            .baseUrl(sandbox.baseUrl())
            .customerId(sandbox.customerId())
            .secretKey(sandbox.secretKey())
            .apiKey(sandbox.apiKey())
            .pollInterval(Duration.ofMillis(100))
            .build()) {
      String requestId =
          ((AuthorizeResult.Authorized) flinks.authorize().open(AuthorizeRequest.cached(loginId)))
              .requestId();
      ObjectNode body =
          (ObjectNode)
              new ObjectMapper()
                  .readTree(
                      flinks
                          .awaitAccountsDetail(requestId, DetailOptions.defaults(), null)
                          .rawJson());
      body.put("ResponseType", "GetAccountsDetail");
      return body;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public URI uri(String path) {
    return service.uri().resolve(path);
  }

  // ---- state
  // ----------------------------------------------------------------------------------------------------

  public long loginRef(String loginId) {
    return service.logins().find(loginId).map(StoredLogin::id).orElseThrow();
  }

  /** The login's active retrieval, else its latest. */
  public Optional<Retrieval> retrieval(String loginId) {
    return service.logins().find(loginId).flatMap(login -> service.engine().current(login.id()));
  }

  /** Waits, at most 30 s, until retrieval {@code retrievalId} of {@code loginId} is ready. */
  public void awaitReady(String loginId, String retrievalId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() ->
            retrieval(loginId)
                .filter(r -> r.id().equals(retrievalId) && r.state() == RetrievalState.READY)
                .isPresent());
  }

  /**
   * A sandbox login made from {@code spec}, registered over {@code POST /v1/logins}, once its first
   * retrieval is ready: its loginId.
   */
  public String readyLogin(LoginSpec spec) {
    String loginId = sandbox.createLogin(spec).loginId();
    awaitReady(loginId, register(loginId).body().path("retrieval").path("id").asText());
    return loginId;
  }

  /** A count over the test database, e.g. transactions of one login. */
  public long count(String sql, Object... args) {
    return database
        .database()
        .inTransaction(c -> {
          try (var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
              ps.setObject(i + 1, args[i]);
            }
            try (var rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  public long transactionsOf(String loginId) {
    return count(
        "select count(*) from transactions t join accounts a on a.id = t.account_id where a.login_id = ?",
        loginRef(loginId));
  }

  public long accountsOf(String loginId) {
    return count("select count(*) from accounts where login_id = ?", loginRef(loginId));
  }

  @Override
  public void close() {
    try {
      service.close();
    } finally {
      database.close();
    }
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
