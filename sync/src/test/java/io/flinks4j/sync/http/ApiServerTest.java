package io.flinks4j.sync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiServerTest {

  private static final String KEY = "test-key-1-0123456789abcdefgh";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final AtomicBoolean READY = new AtomicBoolean(true);

  static ApiServer server;

  record Echo(String name, int count) {}

  @BeforeAll
  static void start() {
    SyncConfig config =
        SyncConfig.from(
            Settings.of(
                Map.of(
                    SyncConfig.API_KEYS, "other-key-0123456789abcdefgh," + KEY,
                    SyncConfig.HOST, "127.0.0.1",
                    SyncConfig.PORT, "0",
                    SyncConfig.MAX_BODY_BYTES, "4096",
                    SyncConfig.MAX_PAYLOAD_BYTES, "65536",
                    HttpSettings.AUTH_FAILURE_LIMIT,
                        "0"))); // wrong keys on every route, from one address
    server =
        ApiServer.builder(config)
            .readinessCheck("engine", READY::get)
            .routes(router ->
                router
                    .post(
                        "/v1/echo",
                        Operation.summary("Echo").requestBody(Echo.class).response(200, "Echoed"),
                        ctx -> ctx.json(router.readJson(ctx, Echo.class)))
                    .get(
                        "/v1/things/{thingId}",
                        Operation.summary("A thing").response(200, "The thing"),
                        ctx -> ctx.json(Map.of("id", ctx.pathParam("thingId"))))
                    .delete(
                        "/v1/things/{thingId}",
                        Operation.summary("Explodes").response(204, "Never"),
                        ctx -> {
                          throw new IllegalStateException("boom with secret detail");
                        })
                    .get(
                        "/v1/storage-down",
                        Operation.summary("Database unreachable").response(200, "Never"),
                        ctx -> {
                          throw new StorageException(
                              "database call failed", new java.sql.SQLException("down"));
                        })
                    .post(
                        "/hooks/test",
                        Operation.summary("Unauthenticated payload route").response(200, "Taken"),
                        ctx -> ctx.result(String.valueOf(router.readBody(ctx).length))))
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void health_is_served_without_a_key() throws Exception {
    HttpResponse<String> response = send(request("/healthz").GET());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("status").asText()).isEqualTo("ok");
  }

  @Test
  void every_v1_route_refuses_a_missing_key() throws Exception {
    for (String route : v1Routes()) {
      HttpResponse<String> response = send(routeRequest(route));

      assertThat(response.statusCode()).as(route).isEqualTo(401);
      assertThat(json(response).path("error").path("code").asText())
          .as(route)
          .isEqualTo("unauthorized");
      assertThat(response.headers().firstValue("WWW-Authenticate")).as(route).isPresent();
    }
  }

  @Test
  void every_v1_route_refuses_a_wrong_key() throws Exception {
    for (String route : v1Routes()) {
      for (String header :
          List.of("Bearer wrong-key", "Basic " + KEY, KEY, "Bearer " + KEY + "x")) {
        HttpResponse<String> response = send(routeRequest(route).header("Authorization", header));

        assertThat(response.statusCode()).as(route + " with " + header).isEqualTo(401);
      }
    }
  }

  @Test
  void the_route_list_covers_the_documented_v1_routes() throws Exception {
    JsonNode paths = json(send(request("/v1/openapi.json").GET())).path("paths");

    List<String> documented = new ArrayList<>();
    paths
        .properties()
        .forEach(path ->
            path.getValue()
                .properties()
                .forEach(
                    method -> documented.add(method.getKey().toUpperCase() + " " + path.getKey())));
    assertThat(documented).containsExactlyInAnyOrderElementsOf(server.servedRoutes());
    assertThat(v1Routes()).contains("POST /v1/echo", "GET /v1/things/{thingId}");
    assertThat(server.servedRoutes()).contains("GET /v1/openapi.json");
  }

  @Test
  void the_openapi_document_is_served_without_a_key_and_says_which_routes_need_none()
      throws Exception {
    HttpResponse<String> response = send(request("/v1/openapi.json").GET());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode paths = json(response).path("paths");
    assertThat(paths.path("/v1/openapi.json").path("get").path("security").isArray()).isTrue();
    assertThat(paths.path("/v1/openapi.json").path("get").path("security")).isEmpty();
    assertThat(paths.path("/healthz").path("get").path("security")).isEmpty();
    assertThat(paths.path("/v1/echo").path("post").has("security"))
        .isFalse(); // the document's default: bearer
    assertThat(send(request("/v1/openapi.json/").GET()).statusCode()).isIn(401, 404);
  }

  @Test
  void any_configured_key_is_accepted() throws Exception {
    HttpResponse<String> response =
        send(
            request("/v1/things/7")
                .header("Authorization", "bearer other-key-0123456789abcdefgh")
                .GET());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("id").asText()).isEqualTo("7");
  }

  @Test
  void malformed_json_is_a_400_json_error() throws Exception {
    HttpResponse<String> response = send(authorized("/v1/echo").POST(body("{\"name\": ")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("error").path("code").asText()).isEqualTo("invalid_json");
  }

  @Test
  void a_field_of_the_wrong_type_is_a_400_naming_the_field() throws Exception {
    HttpResponse<String> response =
        send(authorized("/v1/echo").POST(body("{\"name\":\"a\",\"count\":\"many\"}")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("error").path("message").asText()).contains("count");
  }

  @Test
  void an_empty_body_is_a_400() throws Exception {
    HttpResponse<String> response =
        send(authorized("/v1/echo").POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("error").path("code").asText()).isEqualTo("missing_body");
  }

  @Test
  void a_valid_body_with_unknown_fields_is_accepted() throws Exception {
    HttpResponse<String> response =
        send(authorized("/v1/echo").POST(body("{\"name\":\"a\",\"count\":2,\"extra\":true}")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("count").asInt()).isEqualTo(2);
  }

  @Test
  void a_body_over_the_limit_is_a_413_json_error() throws Exception {
    String huge = "{\"name\":\"" + "x".repeat(10_000) + "\",\"count\":1}";

    HttpResponse<String> response = send(authorized("/v1/echo").POST(body(huge)));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(response).path("error").path("code").asText()).isEqualTo("payload_too_large");
  }

  @Test
  void a_chunked_body_over_the_limit_is_a_413_json_error() throws Exception {
    byte[] huge = ("{\"name\":\"" + "x".repeat(10_000) + "\",\"count\":1}").getBytes();

    HttpResponse<String> response =
        send(
            authorized("/v1/echo")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(huge))));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(response).path("error").path("code").asText()).isEqualTo("payload_too_large");
  }

  @Test
  void payload_routes_outside_v1_take_larger_bodies_without_a_key() throws Exception {
    HttpResponse<String> response = send(request("/hooks/test").POST(body("y".repeat(20_000))));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("20000");
  }

  @Test
  void an_unknown_route_is_a_404_json_error() throws Exception {
    HttpResponse<String> response = send(authorized("/v1/nothing-here").GET());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).path("error").path("code").asText()).isEqualTo("not_found");
  }

  @Test
  void a_malformed_request_target_is_a_400_json_error() throws Exception {
    for (String target : List.of("/v1/things/%zz", "/v1/things/%00", "/v1/things/%2")) {
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        socket
            .getOutputStream()
            .write(
                ("GET "
                        + target
                        + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                        + KEY
                        + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        String response =
            new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(response)
            .as(target)
            .startsWith("HTTP/1.1 400")
            .contains("\"code\":\"bad_request\"");
      }
    }
  }

  @Test
  void v1_answers_are_not_cached_and_not_sniffed_whatever_their_status() throws Exception {
    List<HttpRequest.Builder> requests =
        List.of(
            authorized("/v1/things/7").GET(),
            request("/v1/things/7").GET(),
            authorized("/v1/nothing-here").GET(),
            authorized("/v1/echo").POST(body("{\"name\": ")),
            authorized("/v1/echo").POST(body("x".repeat(10_000))),
            authorized("/v1/openapi.json").GET());
    for (HttpRequest.Builder request : requests) {
      HttpResponse<String> response = send(request);
      String what =
          response.request().method()
              + " "
              + response.request().uri()
              + " -> "
              + response.statusCode();

      assertThat(response.headers().firstValue("Cache-Control")).as(what).hasValue("no-store");
      assertThat(response.headers().firstValue("X-Content-Type-Options"))
          .as(what)
          .hasValue("nosniff");
    }
  }

  @Test
  void answers_jetty_refuses_itself_are_not_cached_and_not_sniffed() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket
          .getOutputStream()
          .write(
              ("GET /v1/things/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String response =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(response)
          .startsWith("HTTP/1.1 400")
          .containsIgnoringCase("Cache-Control: no-store")
          .containsIgnoringCase("X-Content-Type-Options: nosniff");
    }
  }

  @Test
  void health_is_not_sniffed() throws Exception {
    assertThat(send(request("/healthz").GET()).headers().firstValue("X-Content-Type-Options"))
        .hasValue("nosniff");
  }

  @Test
  void an_unexpected_failure_is_a_500_without_detail() throws Exception {
    HttpResponse<String> response = send(authorized("/v1/things/1").DELETE());

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(json(response).path("error").path("code").asText()).isEqualTo("internal_error");
    assertThat(response.body()).doesNotContain("secret");
  }

  @Test
  void an_unreachable_database_is_a_503_to_retry() throws Exception {
    HttpResponse<String> response = send(authorized("/v1/storage-down").GET());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(json(response).path("error").path("code").asText()).isEqualTo("unavailable");
  }

  @Test
  void readiness_reflects_its_checks() throws Exception {
    READY.set(false);
    try {
      HttpResponse<String> notReady = send(request("/readyz").GET());
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(json(notReady).path("checks").path("engine").asBoolean()).isFalse();
    } finally {
      READY.set(true);
    }
    assertThat(send(request("/readyz").GET()).statusCode()).isEqualTo(200);
  }

  @Test
  void metrics_count_requests_by_route_template_not_raw_path() throws Exception {
    send(authorized("/v1/things/secret-looking-id").GET());

    HttpResponse<String> metrics = send(request("/metrics").GET());

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("http_server_requests_seconds_count")
        .contains("uri=\"/v1/things/{thingId}\"")
        .doesNotContain("secret-looking-id");
  }

  /** The served /v1 routes that need a key (all but the OpenAPI document). */
  private static List<String> v1Routes() {
    return server.servedRoutes().stream()
        .filter(route ->
            route.split(" ")[1].startsWith("/v1") && !route.endsWith(" " + ApiServer.OPENAPI_PATH))
        .toList();
  }

  private static HttpRequest.Builder routeRequest(String route) {
    String[] parts = route.split(" ");
    String path = parts[1].replaceAll("\\{[^}]+}", "abc");
    return request(path).method(parts[0], body("{}"));
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server.localUri() + path));
  }

  private static HttpRequest.Builder authorized(String path) {
    return request(path).header("Authorization", "Bearer " + KEY);
  }

  private static HttpRequest.BodyPublisher body(String text) {
    return HttpRequest.BodyPublishers.ofString(text);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return JSON.readTree(response.body());
  }
}
