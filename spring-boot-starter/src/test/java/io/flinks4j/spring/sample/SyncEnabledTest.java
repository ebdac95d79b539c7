package io.flinks4j.spring.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flinks4j.spring.FlinksSyncHealthIndicator;
import io.flinks4j.sync.SyncService;
import io.flinks4j.sync.login.StoredLogin;
import io.flinks4j.sync.retrieval.Retrieval;
import io.flinks4j.sync.retrieval.RetrievalState;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample application with {@code flinks.sync.enabled=true} on its own H2 DataSource. */
@SpringBootTest
class SyncEnabledTest {

  static final String API_KEY = "spring-sample-key-0123456789abcdef";

  @DynamicPropertySource
  static void flinks(DynamicPropertyRegistry registry) {
    Sandbox.properties(registry);
    registry.add(
        "spring.datasource.url",
        () ->
            "jdbc:h2:mem:sample_"
                + UUID.randomUUID().toString().replace("-", "")
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    registry.add("flinks.sync.enabled", () -> "true");
    registry.add("flinks.sync.port", () -> "0");
    registry.add("flinks.sync.api-keys", () -> API_KEY);
    registry.add("flinks.sync.encryption-key", SyncEnabledTest::randomKey);
    registry.add("flinks.sync.settings.scheduler-polling", () -> "50ms");
    registry.add("flinks.sync.settings.cached-refresh", () -> "0s");
    registry.add("flinks.sync.settings.live-refresh", () -> "0s");
  }

  @Autowired SyncService sync;
  @Autowired DataSource dataSource;
  @Autowired MeterRegistry meters;
  @Autowired FlinksSyncHealthIndicator health;

  @Test
  void a_registered_login_becomes_ready_in_the_applications_database() throws Exception {
    String loginId = Sandbox.FLINKS.login("Greatday").loginId();

    assertThat(register(loginId)).isEqualTo(201);

    await().atMost(Duration.ofSeconds(20)).until(() -> state(loginId) == RetrievalState.READY);
    long stored =
        new JdbcTemplate(dataSource)
            .queryForObject(
                "select count(*) from accounts a join logins l on l.id = a.login_id where l.id = ?",
                Long.class,
                sync.logins().find(loginId).orElseThrow().id());
    assertThat(stored).isEqualTo(Sandbox.FLINKS.groundTruth(loginId).accounts());
    assertThat(meters.find("flinks4j.retrievals").tag("state", "ready").gauge()).isNotNull();
  }

  @Test
  void health_shows_database_engine_and_backlog() {
    var result = health.health();

    assertThat(result.getStatus()).isEqualTo(Status.UP);
    assertThat(result.getDetails())
        .containsAllEntriesOf(
            Map.of("database", "reachable", "engine", "running", "lateSteps", 0L));
  }

  private RetrievalState state(String loginId) {
    return sync.logins()
        .find(loginId)
        .map(StoredLogin::id)
        .flatMap(sync.engine()::current)
        .map(Retrieval::state)
        .orElse(null);
  }

  private int register(String loginId) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(sync.uri().resolve("/v1/logins"))
                  .header("Authorization", "Bearer " + API_KEY)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"loginId\":\"" + loginId + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
