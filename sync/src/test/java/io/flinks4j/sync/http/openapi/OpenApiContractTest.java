package io.flinks4j.sync.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinks4j.client.webhook.FlinksWebhooks;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.EngineSettings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.http.ApiServer;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.webhook.WebhookReceiver;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract: every route of the running service (against the sandbox, over real sockets) is in
 * the OpenAPI document it serves, every documented route is called here, and each real answer has a
 * documented status and content type and a body its schema accepts ({@link SchemaValidator}, strict
 * about undocumented properties). A route added without being exercised here, or a record field the
 * schema lacks, fails this test.
 */
class OpenApiContractTest {

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Map<String, String> MFA_ANSWERS =
      Map.of(
          "What city were you born in?", "Montreal",
          "What is the best country on earth?", "Canada",
          "What shape do people like most?", "Triangle");

  /**
   * An {@code admin}-scoped key, for the dead-letter routes; {@link EngineFixture#API_KEY} covers
   * the others.
   */
  private static final String ADMIN_KEY = "ops-admin-key-abcdefghijklmnop";

  /** A {@code write}-scoped key, which the dead-letter routes refuse. */
  private static final String WRITE_KEY = "backend-write-key-abcdefghijkl";

  /**
   * An account title the test database is made to refuse, so a webhook carrying it fails to apply.
   */
  private static final String POISON = "contract-poison";

  static EngineFixture fixture;
  static JsonNode document;
  static SchemaValidator validator;
  private final Set<String> exercised = new TreeSet<>();
  private final List<String> violations = new ArrayList<>();

  @BeforeAll
  static void start(FlinksSandbox sandbox) throws Exception {
    fixture =
        EngineFixture.start(
            Dialect.H2,
            sandbox,
            Map.of(
                SyncConfig.API_KEYS,
                EngineFixture.API_KEY + ",ops:admin:" + ADMIN_KEY + ",backend:write:" + WRITE_KEY,
                EngineSettings.WEBHOOK_MAX_ATTEMPTS,
                "1")); // the poisoned webhook below is parked at its first failure
    HttpResponse<String> served =
        HTTP.send(
            HttpRequest.newBuilder(fixture.uri(ApiServer.OPENAPI_PATH)).build(),
            HttpResponse.BodyHandlers.ofString());
    document = JSON.readTree(served.body());
    validator = new SchemaValidator(document);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void every_served_route_is_documented_and_every_documented_route_is_served() {
    assertThat(documented()).containsExactlyInAnyOrderElementsOf(fixture.service().servedRoutes());
  }

  @Test
  void every_documented_route_answers_as_the_document_says() throws Exception {
    call("GET", "/healthz", "/healthz", null, false);
    call("GET", "/readyz", "/readyz", null, false);
    call("GET", "/metrics", "/metrics", null, true);
    call("GET", "/dashboard", "/dashboard", null, false);
    call("GET", "/dashboard/{asset}", "/dashboard/dashboard.js", null, false);
    call("GET", "/dashboard/{asset}", "/dashboard/no-such-file", null, false);
    call("GET", "/v1/openapi.json", "/v1/openapi.json", null, false);
    call("GET", "/v1/version", "/v1/version", null, true);
    call("GET", "/v1/version", "/v1/version", null, false); // 401

    SandboxLogin login =
        fixture
            .sandbox()
            .createLogin(
                LoginSpec.named("contract-" + UUID.randomUUID())
                    .withTransactionsPerYear(100)
                    .withProcessingDelay(Duration.ZERO));
    String loginPath = "/v1/logins/" + login.loginId();
    String register = "{\"loginId\":\"" + login.loginId() + "\",\"tag\":\"contract\"}";
    assertThat(call("POST", "/v1/logins", "/v1/logins", register, true).status()).isEqualTo(201);
    assertThat(call("POST", "/v1/logins", "/v1/logins", register, true).status()).isEqualTo(200);
    call("POST", "/v1/logins", "/v1/logins", "{\"loginId\":\"not-a-guid\"}", true); // 400
    awaitState("/v1/logins/{loginId}", loginPath, "ready");
    call("GET", "/v1/logins", "/v1/logins?limit=1", null, true);
    call("GET", "/v1/logins", "/v1/logins?limit=0", null, true); // 400
    JsonNode found =
        call(
                "GET",
                "/v1/logins",
                "/v1/logins?tag=contract&state=ready,failed&institution=FlinksCapital"
                    + "&loginId="
                    + login.loginId().substring(0, 8),
                null,
                true)
            .json();
    assertThat(found.path("data")).hasSize(1);
    call("GET", "/v1/logins/{loginId}/retrievals", loginPath + "/retrievals", null, true);
    call(
        "GET",
        "/v1/logins/{loginId}/retrievals",
        "/v1/logins/" + UUID.randomUUID() + "/retrievals",
        null,
        true);
    call("GET", "/v1/logins/{loginId}", "/v1/logins/" + UUID.randomUUID(), null, true); // 404
    JsonNode accounts =
        call("GET", "/v1/logins/{loginId}/accounts", loginPath + "/accounts", null, true).json();
    String accountPath = "/v1/accounts/" + accounts.path("data").get(0).path("id").asText();
    call(
        "GET",
        "/v1/accounts/{accountId}/transactions",
        accountPath + "/transactions?limit=5",
        null,
        true);
    call("GET", "/v1/accounts/{accountId}/balances", accountPath + "/balances", null, true);
    assertThat(
            call("POST", "/v1/logins/{loginId}/refresh", loginPath + "/refresh", "{}", true)
                .status())
        .isEqualTo(202);
    awaitState("/v1/logins/{loginId}", loginPath, "ready");
    call(
        "POST",
        "/v1/logins/{loginId}/mfa",
        loginPath + "/mfa",
        "{\"answers\":{\"q\":\"a\"}}",
        true); // 409

    changeOptionsAndReadTheChangeFeed(loginPath);
    fetchAndDownloadStatements(loginPath);
    answerMfaThroughTheApi();
    call(
        "GET",
        "/v1/logins/{loginId}/retrievals",
        loginPath + "/retrievals",
        null,
        true); // with an MFA step
    deliverWebhooks();
    assertThat(
            call(
                    "POST",
                    "/v1/connect/sessions",
                    "/v1/connect/sessions",
                    "{\"tag\":\"contract\"}",
                    true)
                .status())
        .isEqualTo(201);
    call("POST", "/v1/connect/sessions", "/v1/connect/sessions", null, true); // no body: no tag
    readTheEventStream();
    parkAndReplayADeadLetter(login);

    assertThat(call("DELETE", "/v1/logins/{loginId}", loginPath, null, true).status())
        .isEqualTo(204);

    assertThat(violations).as("answers that break the document").isEmpty();
    assertThat(exercised)
        .as("documented routes this test calls")
        .containsExactlyInAnyOrderElementsOf(documented());
  }

  /** A live refresh of an MFA login: the challenges as served, then the answers posted back. */
  private void answerMfaThroughTheApi() throws Exception {
    SandboxLogin login =
        fixture
            .sandbox()
            .createLogin(
                LoginSpec.named("contract-mfa-" + UUID.randomUUID())
                    .withTransactionsPerYear(50)
                    .withProcessingDelay(Duration.ZERO)
                    .withMfa(1));
    String loginPath = "/v1/logins/" + login.loginId();
    call("POST", "/v1/logins", "/v1/logins", "{\"loginId\":\"" + login.loginId() + "\"}", true);
    awaitState("/v1/logins/{loginId}", loginPath, "ready");
    call("POST", "/v1/logins/{loginId}/refresh", loginPath + "/refresh", "{\"live\":true}", true);
    JsonNode waiting = awaitState("/v1/logins/{loginId}", loginPath, "mfa_required");
    assertThat(waiting.path("mfaChallenges")).isNotEmpty();
    StringBuilder answers = new StringBuilder();
    for (JsonNode challenge : waiting.path("mfaChallenges")) {
      String prompt = challenge.path("prompt").asText();
      answers
          .append(answers.isEmpty() ? "" : ",")
          .append(JSON.writeValueAsString(prompt))
          .append(':')
          .append(JSON.writeValueAsString(MFA_ANSWERS.get(prompt)));
    }
    assertThat(
            call(
                    "POST",
                    "/v1/logins/{loginId}/mfa",
                    loginPath + "/mfa",
                    "{\"answers\":{" + answers + "}}",
                    true)
                .status())
        .isEqualTo(202);
  }

  /**
   * The event stream never ends, so only its start is read: opened with a ticket from the start of
   * the history, its status and media type are checked against the document, and its first step
   * event's data is parsed.
   */
  private void readTheEventStream() throws Exception {
    String template = "/v1/events/stream";
    call("GET", template, template, null, false); // 401: no key, no ticket
    call("GET", template, template + "?lastEventId=x", null, true); // 400
    JsonNode ticket =
        call("POST", "/v1/events/stream-tickets", "/v1/events/stream-tickets", null, true).json();
    HttpResponse<Stream<String>> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    fixture.uri(
                        template + "?lastEventId=0&ticket=" + ticket.path("ticket").asText()))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    exercised.add("GET " + template);
    try (Stream<String> lines = response.body()) {
      JsonNode answer =
          document
              .path("paths")
              .path(template)
              .path("get")
              .path("responses")
              .path(String.valueOf(response.statusCode()));
      String mediaType =
          response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
      if (answer.isMissingNode() || !documentedMediaType(answer.path("content"), mediaType)) {
        violations.add(
            "GET "
                + template
                + " answered "
                + response.statusCode()
                + " "
                + mediaType
                + ", which the document does not list");
        return;
      }
      String data =
          lines.filter(line -> line.startsWith("data: ")).findFirst().orElseThrow().substring(6);
      assertThat(JSON.readTree(data).path("event").asText())
          .isEqualTo("requested"); // the first step of all
    }
  }

  /** A PATCH of the login's tag and options, then the change feed and one of its cursors. */
  private void changeOptionsAndReadTheChangeFeed(String loginPath) throws Exception {
    String options = "{\"tag\":\"contract-2\",\"days\":365,\"withKyc\":false,\"accountIds\":null}";
    assertThat(call("PATCH", "/v1/logins/{loginId}", loginPath, options, true).status())
        .isEqualTo(200);
    call("PATCH", "/v1/logins/{loginId}", loginPath, "{\"dayz\":365}", true); // 400
    String feed = "/v1/logins/{loginId}/transactions/sync";
    JsonNode changes =
        call("GET", feed, loginPath + "/transactions/sync?limit=5", null, true).json();
    assertThat(changes.path("added")).hasSize(5);
    call(
        "GET",
        feed,
        loginPath + "/transactions/sync?cursor=" + changes.path("nextCursor").asText(),
        null,
        true);
    call("GET", feed, loginPath + "/transactions/sync?cursor=not-a-cursor", null, true); // 400
  }

  /** Statements fetched (new, then all known), listed, and one downloaded as a PDF. */
  private void fetchAndDownloadStatements(String loginPath) throws Exception {
    String fetch = "/v1/logins/{loginId}/statements";
    String body = "{\"numberOfStatements\":\"MostRecent\"}";
    assertThat(call("POST", fetch, loginPath + "/statements", body, true).status()).isEqualTo(201);
    assertThat(call("POST", fetch, loginPath + "/statements", body, true).status()).isEqualTo(200);
    call(
        "POST",
        fetch,
        loginPath + "/statements",
        "{\"numberOfStatements\":\"Months6\"}",
        true); // 400
    JsonNode listed = call("GET", fetch, loginPath + "/statements", null, true).json();
    String download = "/v1/logins/{loginId}/statements/{statementId}";
    Answer pdf =
        call(
            "GET",
            download,
            loginPath + "/statements/" + listed.path("data").get(0).path("id").asText(),
            null,
            true);
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.mediaType()).isEqualTo("application/pdf");
    call("GET", download, loginPath + "/statements/99999", null, true); // 404
  }

  /** A signed delivery of a type this service ignores, and an unsigned one. */
  private void deliverWebhooks() throws Exception {
    byte[] body =
        "{\"ResponseType\":\"Investments\",\"HttpStatusCode\":200}"
            .getBytes(StandardCharsets.UTF_8);
    Answer ignored =
        send(
            "POST",
            WebhookReceiver.PATH,
            HttpRequest.newBuilder(fixture.uri(WebhookReceiver.PATH))
                .header(
                    FlinksWebhooks.AUTHENTICITY_HEADER,
                    FlinksWebhooks.sign(body, fixture.sandbox().webhookKey()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    assertThat(ignored.json().path("status").asText()).isEqualTo("ignored");
    call("POST", WebhookReceiver.PATH, WebhookReceiver.PATH, "{}", false); // 401
  }

  /**
   * A webhook whose apply the database refuses (a check constraint on the account title) is parked
   * at once; it is listed and replayed with the admin key, refused to a write key.
   */
  private void parkAndReplayADeadLetter(SandboxLogin login) throws Exception {
    execute(
        "alter table accounts add constraint ck_contract_poison check (title <> '" + POISON + "')");
    String id;
    try {
      ObjectNode detail = fixture.accountsDetailWebhook(login.loginId());
      detail.path("Accounts").forEach(account -> ((ObjectNode) account).put("Title", POISON));
      byte[] body = JSON.writeValueAsBytes(detail);
      Answer recorded =
          send(
              "POST",
              WebhookReceiver.PATH,
              HttpRequest.newBuilder(fixture.uri(WebhookReceiver.PATH))
                  .header(
                      FlinksWebhooks.AUTHENTICITY_HEADER,
                      FlinksWebhooks.sign(body, fixture.sandbox().webhookKey()))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
      assertThat(recorded.json().path("status").asText()).isEqualTo("recorded");
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() ->
              !call("GET", "/v1/dead-letters", "/v1/dead-letters", null, ADMIN_KEY)
                  .json()
                  .path("data")
                  .isEmpty());
      JsonNode page =
          call("GET", "/v1/dead-letters", "/v1/dead-letters?limit=1", null, ADMIN_KEY).json();
      id = page.path("data").get(0).path("id").asText();
      call("GET", "/v1/dead-letters", "/v1/dead-letters?limit=0", null, ADMIN_KEY); // 400
      assertThat(call("GET", "/v1/dead-letters", "/v1/dead-letters", null, WRITE_KEY).status())
          .isEqualTo(403);
    } finally {
      execute("alter table accounts drop constraint if exists ck_contract_poison");
    }
    String replay = "/v1/dead-letters/{deadLetterId}/replay";
    assertThat(call("POST", replay, "/v1/dead-letters/" + id + "/replay", null, ADMIN_KEY).status())
        .isEqualTo(202);
    call(
        "POST",
        replay,
        "/v1/dead-letters/" + UUID.randomUUID() + "/replay",
        null,
        ADMIN_KEY); // 404
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() ->
            call("GET", "/v1/dead-letters", "/v1/dead-letters", null, ADMIN_KEY)
                .json()
                .path("data")
                .isEmpty());
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

  private JsonNode awaitState(String template, String path, String state) throws Exception {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() ->
            state.equals(call("GET", template, path, null, true).json().path("state").asText()));
    return call("GET", template, path, null, true).json();
  }

  /** A status, the body's media type and the body as JSON (null when it is not JSON). */
  record Answer(int status, String mediaType, JsonNode json) {}

  private Answer call(String method, String template, String path, String body, boolean withKey)
      throws Exception {
    return call(method, template, path, body, withKey ? EngineFixture.API_KEY : null);
  }

  /** Calls a documented route with {@code key} (none when null). */
  private Answer call(String method, String template, String path, String body, String key)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(fixture.uri(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return send(method, template, request);
  }

  /**
   * Sends {@code request} for the documented route {@code template}, and checks the answer against
   * the document.
   */
  private Answer send(String method, String template, HttpRequest.Builder request)
      throws Exception {
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String route = method + " " + template;
    exercised.add(route);
    String mediaType =
        response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
    JsonNode json = mediaType.equals("application/json") ? JSON.readTree(response.body()) : null;
    JsonNode answer =
        document
            .path("paths")
            .path(template)
            .path(method.toLowerCase(Locale.ROOT))
            .path("responses")
            .path(String.valueOf(response.statusCode()));
    if (answer.isMissingNode()) {
      violations.add(
          route + " answered " + response.statusCode() + ", which the document does not list");
      return new Answer(response.statusCode(), mediaType, json);
    }
    JsonNode content = answer.path("content");
    if (content.isMissingNode()) {
      if (!response.body().isEmpty()) {
        violations.add(
            route + " " + response.statusCode() + ": a body where the document says none");
      }
    } else if (!documentedMediaType(content, mediaType)) {
      violations.add(
          route
              + " "
              + response.statusCode()
              + ": "
              + mediaType
              + " is not in "
              + content.properties());
    } else if (json != null) {
      validator
          .validate(json, content.path("application/json").path("schema"))
          .forEach(error -> violations.add(route + " " + response.statusCode() + " " + error));
    }
    return new Answer(response.statusCode(), mediaType, json);
  }

  private static boolean documentedMediaType(JsonNode content, String mediaType) {
    return content.has(mediaType) || content.has(mediaType.split("/")[0] + "/*");
  }

  private static List<String> documented() {
    List<String> routes = new ArrayList<>();
    document
        .path("paths")
        .properties()
        .forEach(path ->
            path.getValue()
                .properties()
                .forEach(method ->
                    routes.add(method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
    return routes;
  }
}
