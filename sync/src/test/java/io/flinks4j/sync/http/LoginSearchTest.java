package io.flinks4j.sync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.crypto.LoginIdProtector;
import io.flinks4j.sync.crypto.MasterKey;
import io.flinks4j.sync.login.LoginRepository;
import io.flinks4j.sync.login.LoginStatus;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.TestDatabase;
import io.flinks4j.sync.testing.TestDialects;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** {@code GET /v1/logins} narrowed by loginId prefix, tag, institution, state and error reason. */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class LoginSearchTest {

  private static final String KEY = "search-key-0123456789abcdefgh";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  static TestDatabase db;
  static LoginRepository logins;
  static ApiServer server;
  static final Map<Long, LoginStatus> STATUSES = new ConcurrentHashMap<>();

  @Parameter Dialect dialect;

  @BeforeParameterizedClassInvocation
  static void start(Dialect dialect) {
    db = TestDatabase.create(dialect);
    logins =
        new LoginRepository(
            db.database(), new LoginIdProtector(MasterKey.generate()), Clock.systemUTC());
    server =
        ApiServer.builder(
                SyncConfig.from(
                    Settings.of(
                        Map.of(
                            SyncConfig.API_KEYS,
                            KEY,
                            SyncConfig.HOST,
                            "127.0.0.1",
                            SyncConfig.PORT,
                            "0"))))
            .routes(
                new ReadRoutes(
                    db.database(), logins, ref -> Optional.ofNullable(STATUSES.get(ref))))
            .start();
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    server.close();
    db.close();
  }

  @BeforeEach
  void empty() {
    db.clear();
    STATUSES.clear();
  }

  @Test
  void a_loginId_prefix_finds_the_logins_starting_with_it_in_any_case() throws Exception {
    register("abcd1234-0000-0000-0000-000000000001", null, null, null);
    register("ABCD9999-0000-0000-0000-000000000002", null, null, null);
    register("ffff0000-abcd-0000-0000-000000000003", null, null, null);

    assertThat(loginIds("/v1/logins?loginId=abcd"))
        .containsExactly(
            "abcd1234-0000-0000-0000-000000000001", "ABCD9999-0000-0000-0000-000000000002");
    assertThat(loginIds("/v1/logins?loginId=AbCd1"))
        .containsExactly("abcd1234-0000-0000-0000-000000000001");
  }

  @Test
  void a_tag_matches_the_logins_whose_tag_contains_it_and_its_wildcards_are_plain_text()
      throws Exception {
    register("login-1", "Order-42 Montreal", null, null);
    register("login-2", "order-421", null, null);
    register("login-3", "order-7", null, null);
    register("login-4", "100% done_x", null, null);
    register("login-5", "1000 donex", null, null);

    assertThat(loginIds("/v1/logins?tag=ORDER-42")).containsExactly("login-1", "login-2");
    assertThat(loginIds("/v1/logins?tag=" + encode("0% done_"))).containsExactly("login-4");
  }

  @Test
  void an_institution_matches_its_code_in_any_case_and_combines_with_the_tag() throws Exception {
    register("login-1", "ops", "FlinksCapital", null);
    register("login-2", "ops", "Desjardins", null);
    register("login-3", "sales", "FlinksCapital", null);

    assertThat(loginIds("/v1/logins?institution=flinkscapital"))
        .containsExactly("login-1", "login-3");
    assertThat(loginIds("/v1/logins?institution=FlinksCapital&tag=ops")).containsExactly("login-1");
  }

  @Test
  void states_and_reasons_filter_on_the_latest_retrieval_and_none_means_never_retrieved()
      throws Exception {
    register("login-ready", null, null, status("ready", null));
    register("login-bad-password", null, null, status("failed", "INVALID_LOGIN"));
    register("login-slow", null, null, status("timed_out", "deadline"));
    register("login-new", null, null, null);

    assertThat(loginIds("/v1/logins?state=failed,timed_out"))
        .containsExactly("login-bad-password", "login-slow");
    assertThat(loginIds("/v1/logins?state=none")).containsExactly("login-new");
    assertThat(loginIds("/v1/logins?reason=INVALID_LOGIN")).containsExactly("login-bad-password");
    assertThat(loginIds("/v1/logins?state=failed&reason=deadline")).isEmpty();
  }

  @Test
  void a_filtered_list_pages_through_every_match_once() throws Exception {
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      boolean fails = i % 3 == 0;
      String loginId = "login-" + i;
      register(
          loginId, null, null, status(fails ? "failed" : "ready", fails ? "INVALID_LOGIN" : null));
      if (fails) {
        failed.add(loginId);
      }
    }

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          get("/v1/logins?state=failed&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.path("data").size()).isLessThanOrEqualTo(2);
      page.path("data").forEach(login -> seen.add(login.path("loginId").asText()));
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
    } while (cursor != null);

    assertThat(seen).containsExactlyElementsOf(failed);
  }

  @Test
  void the_filters_are_documented() throws Exception {
    assertThat(
            get("/v1/openapi.json")
                .path("paths")
                .path("/v1/logins")
                .path("get")
                .path("parameters")
                .toString())
        .contains("\"loginId\"", "\"tag\"", "\"institution\"", "\"state\"", "\"reason\"");
  }

  // ---- fixtures
  // ------------------------------------------------------------------------------------------------

  private static LoginStatus status(String state, String reason) {
    return new LoginStatus(
        state,
        NOW,
        Optional.empty(),
        Optional.ofNullable(reason),
        Optional.empty(),
        List.of(),
        Optional.empty());
  }

  private static void register(String loginId, String tag, String institution, LoginStatus status) {
    long ref = logins.register(loginId, Optional.ofNullable(tag)).login().id();
    if (institution != null) {
      db.database()
          .inTransaction(c -> {
            try (PreparedStatement update =
                c.prepareStatement("update logins set institution = ? where id = ?")) {
              update.setString(1, institution);
              update.setLong(2, ref);
              return update.executeUpdate();
            }
          });
    }
    if (status != null) {
      STATUSES.put(ref, status);
    }
  }

  private static List<String> loginIds(String path) throws Exception {
    List<String> ids = new ArrayList<>();
    JsonNode page = get(path);
    page.path("data").forEach(login -> ids.add(login.path("loginId").asText()));
    assertThat(page.path("nextCursor").isNull()).as("one page holds them all").isTrue();
    return ids;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.localUri() + path))
                .header("Authorization", "Bearer " + KEY)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
