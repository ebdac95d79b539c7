package io.flinks4j.sync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.crypto.LoginIdProtector;
import io.flinks4j.sync.crypto.MasterKey;
import io.flinks4j.sync.ingest.Ingester;
import io.flinks4j.sync.login.LoginRepository;
import io.flinks4j.sync.login.LoginStatus;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.Payloads;
import io.flinks4j.sync.testing.TestDatabase;
import io.flinks4j.sync.testing.TestDialects;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class ReadRoutesTest {

  private static final String KEY = "read-key-0123456789abcdefgh";
  private static final String LOGIN_ID = "5602459c-f6d0-4ca0-6750-08dccdcadcc0";
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static TestDatabase db;
  static LoginRepository logins;
  static ApiServer server;
  static final Map<Long, LoginStatus> STATUSES = new java.util.concurrent.ConcurrentHashMap<>();

  @Parameter Dialect dialect;

  private final Ingester ingester = new Ingester(Clock.fixed(NOW, ZoneOffset.UTC));

  @BeforeParameterizedClassInvocation
  static void start(Dialect dialect) {
    db = TestDatabase.create(dialect);
    logins =
        new LoginRepository(
            db.database(), new LoginIdProtector(MasterKey.generate()), Clock.systemUTC());
    SyncConfig config =
        SyncConfig.from(
            Settings.of(
                Map.of(
                    SyncConfig.API_KEYS, KEY, SyncConfig.HOST, "127.0.0.1", SyncConfig.PORT, "0")));
    server =
        ApiServer.builder(config)
            .readinessCheck("database", db.database()::isReachable)
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
  void a_login_shows_its_retrieval_state_and_stored_data_freshness() throws Exception {
    long ref = logins.register(LOGIN_ID, Optional.of("customer-7")).login().id();
    ingest(ref, "r1", payload(p -> p.account("acc-1", BigDecimal.TEN)));
    STATUSES.put(
        ref,
        new LoginStatus(
            "mfa_required",
            NOW,
            Optional.of(NOW.minusSeconds(3600)),
            Optional.empty(),
            Optional.empty(),
            List.of(
                new LoginStatus.MfaChallenge(
                    "QuestionAndAnswer", "What city were you born in?", null)),
            Optional.of(URI.create("https://toolbox-iframe.private.fin.ag/v2/?requestId=abc"))));

    JsonNode login = get("/v1/logins/" + LOGIN_ID).json();

    assertThat(login.path("loginId").asText()).isEqualTo(LOGIN_ID);
    assertThat(login.path("tag").asText()).isEqualTo("customer-7");
    assertThat(login.path("institution").asText()).isEqualTo("FlinksCapital");
    assertThat(login.path("lastRefresh").asText()).isEqualTo("2026-11-20T10:00:00.123456Z");
    assertThat(login.path("state").asText()).isEqualTo("mfa_required");
    assertThat(login.path("mfaChallenges").get(0).path("prompt").asText())
        .isEqualTo("What city were you born in?");
    assertThat(login.path("relaunchUrl").asText()).contains("requestId=abc");
    assertThat(login.path("errorCode").isNull()).isTrue();
  }

  @Test
  void an_unknown_login_is_a_404() throws Exception {
    Reply reply = get("/v1/logins/00000000-0000-0000-0000-000000000000");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().path("error").path("code").asText()).isEqualTo("not_found");
    assertThat(get("/v1/logins/" + "x".repeat(300) + "/accounts").status()).isEqualTo(404);
  }

  @Test
  void logins_page_through_every_login_once() throws Exception {
    List<String> registered = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      registered.add(logins.register("login-" + i, Optional.empty()).login().loginId());
    }

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          get("/v1/logins?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
      page.path("data").forEach(login -> seen.add(login.path("loginId").asText()));
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
      pages++;
    } while (cursor != null);

    assertThat(seen).containsExactlyElementsOf(registered);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void accounts_carry_their_holder_and_latest_balance() throws Exception {
    long ref = logins.register(LOGIN_ID, Optional.empty()).login().id();
    ingest(ref, "r1", payload(p -> p.account("acc-1", new BigDecimal("10.00"))));
    ingest(ref, "r2", payload(p -> p.account("acc-1", new BigDecimal("25.50"))));

    JsonNode accounts = get("/v1/logins/" + LOGIN_ID + "/accounts").json().path("data");

    assertThat(accounts).hasSize(1);
    JsonNode account = accounts.get(0);
    assertThat(account.path("flinksAccountId").asText()).isEqualTo("acc-1");
    assertThat(account.path("type").asText()).isEqualTo("Chequing");
    assertThat(account.path("holder").path("name").asText()).isEqualTo("Ron Swanson");
    assertThat(account.path("holder").path("address").path("city").asText()).isEqualTo("Montreal");
    assertThat(account.path("balance").path("available").decimalValue())
        .isEqualByComparingTo("25.50");
  }

  @Test
  void a_stale_payload_arriving_last_never_becomes_the_current_balance() throws Exception {
    long ref = logins.register(LOGIN_ID, Optional.empty()).login().id();
    ingest(
        ref,
        "r1",
        payload(p -> p.account("acc-1", new BigDecimal("25.50")))
            .lastRefresh("2026-11-20T10:00:00"));
    ingest(
        ref,
        "webhook-redelivered",
        payload(p -> p.account("acc-1", new BigDecimal("-7777.77")))
            .lastRefresh("2020-01-01T00:00:00"));

    JsonNode account = get("/v1/logins/" + LOGIN_ID + "/accounts").json().path("data").get(0);

    assertThat(account.path("balance").path("available").decimalValue())
        .isEqualByComparingTo("25.50");
    assertThat(get("/v1/logins/" + LOGIN_ID).json().path("lastRefresh").asText())
        .startsWith("2026-11-20");
  }

  @Test
  void transactions_page_newest_first_without_gaps_or_repeats_even_while_new_data_arrives()
      throws Exception {
    long ref = logins.register(LOGIN_ID, Optional.empty()).login().id();
    ingest(ref, "r1", payload(p -> p.account("acc-1", BigDecimal.ONE).transactions("t", 250, DAY)));
    String accountId = accountId();

    List<String> seen = new ArrayList<>();
    List<String> dates = new ArrayList<>();
    JsonNode page = get("/v1/accounts/" + accountId + "/transactions?limit=100").json();
    page.path("data")
        .forEach(t -> {
          seen.add(t.path("id").asText());
          dates.add(t.path("date").asText());
        });
    // A refresh lands between pages: new rows, some dated inside the range already paged through.
    ingest(
        ref,
        "r2",
        payload(p ->
            p.account("acc-1", BigDecimal.ONE)
                .transactions("t", 250, DAY)
                .transactions("late", 30, DAY.plusDays(1))));
    while (!page.path("nextCursor").isNull()) {
      page =
          get("/v1/accounts/"
                  + accountId
                  + "/transactions?limit=100&cursor="
                  + page.path("nextCursor").asText())
              .json();
      page.path("data")
          .forEach(t -> {
            seen.add(t.path("id").asText());
            dates.add(t.path("date").asText());
          });
    }

    List<String> original = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      original.add("t-" + i);
    }
    assertThat(seen.stream().filter(id -> id.startsWith("t-")))
        .containsExactlyInAnyOrderElementsOf(original);
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(dates).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  @Test
  void transactions_are_filtered_by_date_range() throws Exception {
    long ref = logins.register(LOGIN_ID, Optional.empty()).login().id();
    ingest(ref, "r1", payload(p -> p.account("acc-1", BigDecimal.ONE).transactions("t", 30, DAY)));

    JsonNode page =
        get("/v1/accounts/"
                + accountId()
                + "/transactions?from="
                + DAY.minusDays(9)
                + "&to="
                + DAY.minusDays(5))
            .json();

    assertThat(page.path("data")).hasSize(5);
    assertThat(page.path("data").get(0).path("date").asText())
        .isEqualTo(DAY.minusDays(5).toString());
    assertThat(page.path("nextCursor").isNull()).isTrue();
  }

  @Test
  void balances_list_one_snapshot_per_retrieval_newest_first() throws Exception {
    long ref = logins.register(LOGIN_ID, Optional.empty()).login().id();
    ingest(ref, "r1", payload(p -> p.account("acc-1", new BigDecimal("1.00"))));
    ingest(ref, "r2", payload(p -> p.account("acc-1", new BigDecimal("2.00"))));
    ingest(ref, "r3", payload(p -> p.account("acc-1", new BigDecimal("3.00"))));

    JsonNode first = get("/v1/accounts/" + accountId() + "/balances?limit=2").json();
    JsonNode second =
        get("/v1/accounts/"
                + accountId()
                + "/balances?limit=2&cursor="
                + first.path("nextCursor").asText())
            .json();

    assertThat(first.path("data").get(0).path("available").decimalValue())
        .isEqualByComparingTo("3.00");
    assertThat(first.path("data").get(1).path("available").decimalValue())
        .isEqualByComparingTo("2.00");
    assertThat(second.path("data")).hasSize(1);
    assertThat(second.path("data").get(0).path("available").decimalValue())
        .isEqualByComparingTo("1.00");
    assertThat(second.path("nextCursor").isNull()).isTrue();
  }

  @Test
  void malformed_query_parameters_are_400s_not_500s() throws Exception {
    long ref = logins.register(LOGIN_ID, Optional.empty()).login().id();
    ingest(ref, "r1", payload(p -> p.account("acc-1", BigDecimal.ONE)));
    String base = "/v1/accounts/" + accountId();

    for (String query :
        List.of(
            "/transactions?limit=0",
            "/transactions?limit=abc",
            "/transactions?limit=99999999999999999999",
            "/transactions?from=yesterday",
            "/transactions?from=2026-02-30",
            "/transactions?from=2026-12-01&to=2026-01-01",
            "/transactions?cursor=%25%25",
            "/transactions?cursor=" + enc("garbage"),
            "/balances?cursor=" + enc("bad|1"),
            "/balances?limit=-1")) {
      Reply reply = get(base + query);
      assertThat(reply.status()).as(query).isEqualTo(400);
      assertThat(reply.json().path("error").path("code").asText()).as(query).startsWith("invalid_");
    }
  }

  @Test
  void a_cursor_of_another_account_is_refused() throws Exception {
    long ref = logins.register(LOGIN_ID, Optional.empty()).login().id();
    ingest(
        ref,
        "r1",
        payload(p -> {
          p.account("acc-1", BigDecimal.ONE).transactions("a", 3, DAY);
          p.account("acc-2", BigDecimal.ONE).transactions("b", 3, DAY);
        }));
    JsonNode accounts = get("/v1/logins/" + LOGIN_ID + "/accounts").json().path("data");
    String first = accounts.get(0).path("id").asText();
    String second = accounts.get(1).path("id").asText();
    String cursor =
        get("/v1/accounts/" + first + "/transactions?limit=1").json().path("nextCursor").asText();

    assertThat(get("/v1/accounts/" + second + "/transactions?cursor=" + cursor).status())
        .isEqualTo(400);
  }

  @Test
  void unknown_or_malformed_account_ids_are_404s() throws Exception {
    for (String id : List.of("999999", "abc", "-1", "1e3", "99999999999999999999999")) {
      assertThat(get("/v1/accounts/" + id + "/transactions").status()).as(id).isEqualTo(404);
      assertThat(get("/v1/accounts/" + id + "/balances").status()).as(id).isEqualTo(404);
    }
  }

  @Test
  void the_read_routes_are_documented() throws Exception {
    JsonNode paths = get("/v1/openapi.json").json().path("paths");

    assertThat(paths.has("/v1/logins")).isTrue();
    assertThat(
            paths
                .path("/v1/accounts/{accountId}/transactions")
                .path("get")
                .path("parameters")
                .toString())
        .contains("cursor", "from", "to", "limit", "accountId");
  }

  private String accountId() throws Exception {
    return get("/v1/logins/" + LOGIN_ID + "/accounts")
        .json()
        .path("data")
        .get(0)
        .path("id")
        .asText();
  }

  private void ingest(long ref, String retrieval, Payloads payload) {
    db.database().inTransaction(c -> ingester.apply(c, ref, retrieval, payload.parse()));
  }

  private static Payloads payload(java.util.function.Consumer<Payloads> accounts) {
    Payloads payload = Payloads.forLogin(LOGIN_ID);
    accounts.accept(payload);
    return payload;
  }

  private static String enc(String text) {
    return URLEncoder.encode(
        java.util.Base64.getUrlEncoder().encodeToString(text.getBytes()), StandardCharsets.UTF_8);
  }

  private record Reply(int status, String body) {
    JsonNode json() throws Exception {
      return JSON.readTree(body);
    }
  }

  private static Reply get(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.localUri() + path))
                .header("Authorization", "Bearer " + KEY)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.body());
  }
}
