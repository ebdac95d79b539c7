package io.flinks4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.config.ConfigException;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.login.StoredLogin;
import io.flinks4j.sync.retrieval.Retrieval;
import io.flinks4j.sync.retrieval.RetrievalState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service embedded in an application (the Spring Boot starter): the application's pool and
 * meter registry.
 */
@ExtendWith(FlinksSandboxExtension.class)
class ApplicationDataSourceTest {

  private HikariDataSource pool;

  @BeforeEach
  void applicationPool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(
        "jdbc:h2:mem:app_"
            + UUID.randomUUID().toString().replace("-", "")
            + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    config.setMaximumPoolSize(4);
    pool = new HikariDataSource(config);
  }

  @AfterEach
  void closePool() {
    pool.close();
  }

  @Test
  void retrieves_on_the_applications_pool_records_in_its_registry_and_leaves_the_pool_open(
      FlinksSandbox sandbox) throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    String loginId = sandbox.login("Greatday").loginId();

    try (SyncService service =
        SyncService.start(
            SyncConfig.from(Settings.of(EngineFixture.settings(sandbox))), pool, meters)) {
      assertThat(register(service.uri(), loginId)).isEqualTo(201);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> state(service, loginId) == RetrievalState.READY);
      assertThat(service.health()).isEqualTo(new ServiceHealth(true, true, 0));
      assertThat(meters.find("flinks4j.retrievals").tag("state", "ready").gauge()).isNotNull();
    }

    assertThat(pool.isClosed()).isFalse();
    assertThat(pool.getConnection().isValid(1)).isTrue();
  }

  @Test
  void an_applications_pool_needs_the_shared_encryption_key(FlinksSandbox sandbox) {
    Map<String, String> settings = EngineFixture.settings(sandbox);
    settings.remove(SyncConfig.ENCRYPTION_KEY);

    assertThatThrownBy(() ->
            SyncService.start(
                SyncConfig.from(Settings.of(settings)), pool, new SimpleMeterRegistry()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(SyncConfig.ENCRYPTION_KEY + " is required");
  }

  private static RetrievalState state(SyncService service, String loginId) {
    return service
        .logins()
        .find(loginId)
        .map(StoredLogin::id)
        .flatMap(service.engine()::current)
        .map(Retrieval::state)
        .orElse(null);
  }

  private static int register(URI service, String loginId) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(service.resolve("/v1/logins"))
                  .header("Authorization", "Bearer " + EngineFixture.API_KEY)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"loginId\":\"" + loginId + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }
  }
}
