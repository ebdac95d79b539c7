package io.flinks4j.sync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.storage.Dialect;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole service's API (read routes, engine routes, webhooks) as a client sees it, over real
 * sockets.
 */
class ServiceApiTest {

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final String READ_KEY = "reports-read-key-abcdefghijkl";
  private static final String WRITE_KEY = "backend-write-key-abcdefghijkl";

  static EngineFixture fixture;

  @BeforeAll
  static void start(FlinksSandbox sandbox) {
    fixture =
        EngineFixture.start(
            Dialect.H2,
            sandbox,
            Map.of(
                SyncConfig.API_KEYS,
                "reports:read:"
                    + READ_KEY
                    + ",backend:write:"
                    + WRITE_KEY
                    + ","
                    + EngineFixture.API_KEY));
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void every_v1_route_of_the_service_refuses_a_missing_or_wrong_key() throws Exception {
    List<String[]> routes = documentedRoutes();
    assertThat(routes).hasSizeGreaterThanOrEqualTo(10);

    for (String[] route : routes) {
      String path = route[1].replaceAll("\\{[^}]+}", "5602459c-f6d0-4ca0-6750-08dccdcadcc0");
      for (String authorization :
          new String[] {null, "Bearer not-the-key", "Bearer ", "Basic Zm9vOmJhcg=="}) {
        HttpRequest.Builder request =
            HttpRequest.newBuilder(fixture.uri(path))
                .method(
                    route[0],
                    HttpRequest.BodyPublishers.ofString(
                        "{\"loginId\":\"x\",\"live\":true,\"answers\":{}}"));
        if (authorization != null) {
          request.header("Authorization", authorization);
        }
        HttpResponse<String> response =
            HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode())
            .as(route[0] + " " + route[1] + " with " + authorization)
            .isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText())
            .isEqualTo("unauthorized");
      }
    }
  }

  @Test
  void the_openapi_document_describes_the_read_and_engine_routes() throws Exception {
    Set<String> documented = new HashSet<>();
    documentedRoutes().forEach(route -> documented.add(route[0] + " " + route[1]));

    assertThat(documented)
        .contains(
            "POST /v1/logins",
            "GET /v1/logins",
            "GET /v1/logins/{loginId}",
            "DELETE /v1/logins/{loginId}",
            "POST /v1/logins/{loginId}/refresh",
            "POST /v1/logins/{loginId}/mfa",
            "GET /v1/logins/{loginId}/accounts",
            "GET /v1/accounts/{accountId}/transactions",
            "GET /v1/accounts/{accountId}/balances");
  }

  @Test
  void a_registered_login_is_served_once_retrieved() throws Exception {
    SandboxLogin login =
        fixture
            .sandbox()
            .createLogin(
                LoginSpec.named("read-" + System.nanoTime())
                    .withTransactionsPerYear(400)
                    .withProcessingDelay(Duration.ZERO));

    assertThat(fixture.register(login.loginId()).status()).isBetween(200, 202);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "ready".equals(get("/v1/logins/" + login.loginId()).path("state").asText()));

    JsonNode view = get("/v1/logins/" + login.loginId());
    assertThat(view.path("lastSuccessAt").isNull()).isFalse();
    JsonNode accounts = get("/v1/logins/" + login.loginId() + "/accounts").path("data");
    assertThat(accounts.size()).isEqualTo((int) fixture.accountsOf(login.loginId())).isPositive();
    long served = 0;
    for (JsonNode account : accounts) {
      String cursor = null;
      do {
        JsonNode page =
            get(
                "/v1/accounts/"
                    + account.path("id").asText()
                    + "/transactions?limit=50"
                    + (cursor == null ? "" : "&cursor=" + cursor));
        served += page.path("data").size();
        cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
      } while (cursor != null);
      assertThat(get("/v1/accounts/" + account.path("id").asText() + "/balances").path("data"))
          .isNotEmpty();
    }
    assertThat(served).isEqualTo(fixture.transactionsOf(login.loginId())).isPositive();
  }

  @Test
  void every_v1_route_asks_the_scope_it_documents() throws Exception {
    List<String[]> routes = documentedRoutes();

    for (String[] route : routes) {
      String path = route[1].replaceAll("\\{[^}]+}", "5602459c-f6d0-4ca0-6750-08dccdcadcc0");
      boolean read = route[2].contains("(needs read)");
      boolean write = route[2].contains("(needs write)");
      assertThat(route[2])
          .as(route[0] + " " + route[1])
          .containsPattern("\\(needs (read|write|admin)\\)");
      Map<String, Boolean> allowed =
          Map.of(READ_KEY, read, WRITE_KEY, read || write, EngineFixture.API_KEY, true);
      for (var key : allowed.entrySet()) {
        // As a stream: an allowed GET /v1/events/stream never ends, so only its status is read.
        HttpResponse<java.io.InputStream> response =
            HTTP.send(
                HttpRequest.newBuilder(fixture.uri(path))
                    .header("Authorization", "Bearer " + key.getKey())
                    .header("Content-Type", "application/json")
                    .method(route[0], HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());

        String what = route[0] + " " + route[1] + " with " + key.getKey().substring(0, 7);
        try (java.io.InputStream body = response.body()) {
          if (key.getValue()) {
            assertThat(response.statusCode()).as(what).isNotIn(401, 403);
          } else {
            assertThat(response.statusCode()).as(what).isEqualTo(403);
            assertThat(JSON.readTree(body.readAllBytes()).path("error").path("code").asText())
                .isEqualTo("forbidden");
          }
        }
      }
    }
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(fixture.uri(path))
                .header("Authorization", "Bearer " + EngineFixture.API_KEY)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /**
   * The documented /v1 routes that need a key (the document marks the others {@code security: []}).
   */
  private static List<String[]> documentedRoutes() throws Exception {
    JsonNode paths = get("/v1/openapi.json").path("paths");
    List<String[]> routes = new ArrayList<>();
    paths
        .properties()
        .forEach(path -> {
          if (path.getKey().startsWith("/v1")) {
            path.getValue()
                .properties()
                .forEach(method -> {
                  if (!method.getValue().has("security")) {
                    routes.add(
                        new String[] {
                          method.getKey().toUpperCase(),
                          path.getKey(),
                          method
                              .getValue()
                              .path("responses")
                              .path("403")
                              .path("description")
                              .asText()
                        });
                  }
                });
          }
        });
    return routes;
  }
}
