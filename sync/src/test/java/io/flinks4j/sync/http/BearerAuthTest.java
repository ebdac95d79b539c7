package io.flinks4j.sync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinks4j.sync.config.ApiKey;
import io.flinks4j.sync.config.ConfigException;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.testing.RawHttp;
import io.javalin.http.HandlerType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bearer keys on real sockets: exact bytes on every request of a kept-alive connection, scopes,
 * counted refusals.
 */
class BearerAuthTest {

  private static final String KEY = "right-key-abcdefghijklmnop";
  private static final String READER = "reader-key-abcdefghijklmnop";
  private static final String WRITER = "writer-key-abcdefghijklmnop";

  static ApiServer server;

  @BeforeAll
  static void start() {
    SyncConfig config =
        SyncConfig.from(
            Settings.of(
                Map.of(
                    SyncConfig.API_KEYS,
                        KEY + ",reports:read:" + READER + ",backend:write:" + WRITER,
                    SyncConfig.HOST, "127.0.0.1",
                    SyncConfig.PORT, "0",
                    HttpSettings.AUTH_FAILURE_LIMIT,
                        "0"))); // hundreds of wrong keys from one address; see AuthThrottleTest
    server =
        ApiServer.builder(config)
            .routes(router ->
                router
                    .get(
                        "/v1/things/{thingId}",
                        Operation.summary("A thing").response(200, "The thing"),
                        ctx -> ctx.json(Map.of("id", ctx.pathParam("thingId"))))
                    .post(
                        "/v1/things",
                        Operation.summary("Make a thing").response(201, "Made"),
                        ctx -> ctx.status(201).json(Map.of("made", true)))
                    .delete(
                        "/v1/things/{thingId}",
                        Operation.summary("Drop a thing").response(204, "Dropped"),
                        ctx -> ctx.status(204))
                    .add(
                        HandlerType.POST,
                        "/v1/things/{thingId}/replay",
                        ApiKey.Scope.ADMIN,
                        Operation.summary("Replay a thing").response(202, "Replayed"),
                        ctx -> ctx.status(202)))
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Right, wrong and case-changed keys. */
  private enum Presented {
    RIGHT("Bearer " + KEY, 200),
    UPPER_CASE("Bearer " + KEY.toUpperCase(Locale.ROOT), 401),
    WRONG("Bearer wrong-key-abcdefghijklmnop", 401),
    ONE_CHARACTER_CHANGED("Bearer " + KEY.substring(0, KEY.length() - 1) + "P", 401);

    final String header;
    final int status;

    Presented(String header, int status) {
      this.header = header;
      this.status = status;
    }
  }

  @Test
  void every_request_on_a_kept_alive_connection_is_judged_by_its_own_key() throws Exception {
    Presented[] values = Presented.values();
    for (Presented first : values) {
      for (Presented second : values) {
        for (Presented third : values) {
          List<Presented> sequence = List.of(first, second, third, first);
          try (RawHttp connection = RawHttp.connect(server.port())) {
            List<Integer> statuses = new ArrayList<>();
            for (Presented presented : sequence) {
              statuses.add(connection.get("/v1/things/7", presented.header).status());
            }
            assertThat(statuses)
                .as(sequence.toString())
                .containsExactlyElementsOf(sequence.stream().map(p -> p.status).toList());
          }
        }
      }
    }
  }

  @Test
  void the_right_key_then_the_same_key_in_upper_case_is_200_then_401_on_one_connection()
      throws Exception {
    try (RawHttp connection = RawHttp.connect(server.port())) {
      assertThat(connection.get("/v1/things/7", "Bearer " + KEY).status()).isEqualTo(200);
      assertThat(connection.get("/v1/things/7", "Bearer " + KEY.toUpperCase(Locale.ROOT)).status())
          .isEqualTo(401);
      assertThat(connection.get("/v1/things/7", "BEARER " + KEY).status())
          .isEqualTo(200); // the scheme is not
    }
  }

  @Test
  void two_authorization_headers_are_refused_whichever_comes_first() throws Exception {
    for (String headers :
        List.of(
            "Bearer " + KEY + "\r\nAuthorization: Bearer wrong-key-abcdefghijklmnop",
            "Bearer wrong-key-abcdefghijklmnop\r\nAuthorization: Bearer " + KEY)) {
      try (RawHttp connection = RawHttp.connect(server.port())) {
        assertThat(connection.get("/v1/things/7", headers).status()).isEqualTo(401);
      }
    }
  }

  @Test
  void a_key_shorter_than_24_characters_stops_the_service_at_startup() {
    assertThatThrownBy(
            () -> SyncConfig.from(Settings.of(Map.of(SyncConfig.API_KEYS, KEY + ",short-key-123"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(SyncConfig.API_KEYS)
        .hasMessageContaining("entry 2")
        .hasMessageContaining("24")
        .hasMessageNotContaining("short-key-123");
    assertThatThrownBy(
            () -> SyncConfig.from(Settings.of(Map.of(SyncConfig.API_KEYS, "ops:admin:tiny"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ops")
        .hasMessageNotContaining("tiny");
  }

  @Test
  void a_malformed_scoped_entry_stops_the_service_at_startup() {
    for (String entry : List.of("ops:root:" + KEY, ":read:" + KEY, "ops:read", "a b:read:" + KEY)) {
      assertThatThrownBy(() -> SyncConfig.from(Settings.of(Map.of(SyncConfig.API_KEYS, entry))))
          .as(entry)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(SyncConfig.API_KEYS)
          .hasMessageNotContaining(KEY);
    }
  }

  @Test
  void failed_authentications_are_counted_by_reason_and_logged_without_the_key() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    String presented = "wrong-but-secret-abcdefghijkl";
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try (RawHttp connection = RawHttp.connect(server.port())) {
      connection.get("/v1/things/1", "Bearer " + presented);
      connection.get("/v1/things/1", null);
      connection.get("/v1/things/1", "Basic " + presented);
    } finally {
      System.setErr(original);
    }

    String metrics = server.meterRegistry().scrape();
    assertThat(metrics)
        .containsPattern("flinks4j_http_auth_failures_total\\{reason=\"invalid_key\"} [1-9]")
        .containsPattern("flinks4j_http_auth_failures_total\\{reason=\"missing\"} [1-9]")
        .containsPattern("flinks4j_http_auth_failures_total\\{reason=\"malformed\"} [1-9]");
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("authentication failed (invalid_key)")
        .doesNotContain(presented);
  }

  @Test
  void a_read_key_reads_but_cannot_write_or_delete() throws Exception {
    assertThat(get(READER).status()).isEqualTo(200);
    RawHttp.Response write = post(READER);
    assertThat(write.status()).isEqualTo(403);
    assertThat(write.body()).contains("\"code\":\"forbidden\"").doesNotContain(READER);
    assertThat(delete(READER).status()).isEqualTo(403);
  }

  @Test
  void a_write_key_reads_and_writes_but_only_an_admin_key_deletes() throws Exception {
    assertThat(get(WRITER).status()).isEqualTo(200);
    assertThat(post(WRITER).status()).isEqualTo(201);
    assertThat(delete(WRITER).status()).isEqualTo(403);
    assertThat(server.meterRegistry().scrape())
        .containsPattern(
            "flinks4j_http_auth_failures_total\\{reason=\"insufficient_scope\"} [1-9]");
  }

  @Test
  void a_post_route_declared_admin_refuses_a_write_key_and_says_so_in_the_document()
      throws Exception {
    try (RawHttp connection = RawHttp.connect(server.port())) {
      assertThat(connection.send(replay(WRITER), new byte[0]).status()).isEqualTo(403);
      assertThat(connection.send(replay(KEY), new byte[0]).status()).isEqualTo(202);
      var paths =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(connection.get("/v1/openapi.json", "Bearer " + READER).body())
              .path("paths");
      assertThat(
              paths
                  .path("/v1/things/{thingId}/replay")
                  .path("post")
                  .path("responses")
                  .path("403")
                  .path("description")
                  .asText())
          .contains("(needs admin)");
    }
  }

  @Test
  void a_route_cannot_need_less_than_its_method() {
    assertThatThrownBy(() ->
            ApiServer.builder(SyncConfig.from(Settings.of(Map.of(SyncConfig.PORT, "0"))))
                .routes(router ->
                    router.add(
                        HandlerType.DELETE,
                        "/v1/x",
                        ApiKey.Scope.READ,
                        Operation.summary("x"),
                        ctx -> {}))
                .start())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_plain_key_keeps_every_scope() throws Exception {
    assertThat(get(KEY).status()).isEqualTo(200);
    assertThat(post(KEY).status()).isEqualTo(201);
    assertThat(delete(KEY).status()).isEqualTo(204);
  }

  @Test
  void the_openapi_document_names_the_scope_each_route_needs() throws Exception {
    RawHttp.Response document;
    try (RawHttp connection = RawHttp.connect(server.port())) {
      document = connection.get("/v1/openapi.json", "Bearer " + READER);
    }
    var paths =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(document.body()).path("paths");

    assertThat(
            paths
                .path("/v1/things/{thingId}")
                .path("delete")
                .path("responses")
                .path("403")
                .path("description")
                .asText())
        .contains("admin");
    assertThat(
            paths
                .path("/v1/things")
                .path("post")
                .path("responses")
                .path("403")
                .path("description")
                .asText())
        .contains("write");
    assertThat(
            paths
                .path("/v1/things/{thingId}")
                .path("get")
                .path("responses")
                .path("403")
                .path("description")
                .asText())
        .contains("read");
  }

  private static RawHttp.Response get(String key) throws Exception {
    try (RawHttp connection = RawHttp.connect(server.port())) {
      return connection.get("/v1/things/7", "Bearer " + key);
    }
  }

  private static String replay(String key) {
    return "POST /v1/things/7/replay HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key;
  }

  private static RawHttp.Response post(String key) throws Exception {
    try (RawHttp connection = RawHttp.connect(server.port())) {
      return connection.send(
          "POST /v1/things HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              + "Authorization: Bearer "
              + key,
          "{}".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static RawHttp.Response delete(String key) throws Exception {
    try (RawHttp connection = RawHttp.connect(server.port())) {
      return connection.send(
          "DELETE /v1/things/7 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key, null);
    }
  }
}
