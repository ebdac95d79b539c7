package io.flinks4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.GroundTruth;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.storage.Database;
import io.flinks4j.sync.storage.DatabaseConfig;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * kill -9 in the middle of polling: a second process on the same database finishes every retrieval
 * from its persisted state, and what is stored equals what the bank holds, nothing twice and
 * nothing lost.
 */
@org.junit.jupiter.api.Tag("process") // excluded by ./run-tests --fast
@org.junit.jupiter.api.Tag("postgres")
@ParameterizedClass(name = "{0}")
@EnumSource(Dialect.class)
class CrashRecoveryTest {

  private static final int LOGINS = 8;

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  @Parameter Dialect dialect;

  @Test
  void a_service_killed_while_polling_resumes_its_retrievals_after_a_restart(
      FlinksSandbox sandbox, @TempDir Path dir) {
    List<SandboxLogin> logins =
        IntStream.range(0, LOGINS)
            .mapToObj(i ->
                sandbox.createLogin(
                    LoginSpec.named("crash-" + UUID.randomUUID())
                        .withTransactionsPerYear(400)
                        .withProcessingDelay(Duration.ofSeconds(3))))
            .toList();
    try (SharedDatabase db = SharedDatabase.create(dialect, dir)) {
      Map<String, String> env = new HashMap<>(EngineFixture.settings(sandbox));
      env.put(SyncConfig.DB_URL, db.url());
      env.put(EngineSettings.POLL_INTERVAL, "300ms");
      env.put(EngineSettings.HEARTBEAT, "1s");

      env.put(EngineSettings.INSTANCE_NAME, "crash-first");
      ServiceProcess first =
          ServiceProcess.start(env, ServiceProcess.logFile("crash-first-" + dialect));
      try {
        logins.forEach(login ->
            assertThat(first.post("/v1/logins", "{\"loginId\":\"" + login.loginId() + "\"}"))
                .isEqualTo(201));
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() ->
                db.count("select count(*) from retrievals where state = 'processing' and polls > 0")
                    >= 1);
      } finally {
        first.kill();
      }
      assertThat(db.count("select count(*) from retrievals where state = 'ready'"))
          .isLessThan(LOGINS);

      env.put(EngineSettings.INSTANCE_NAME, "crash-second");
      ServiceProcess second =
          ServiceProcess.start(env, ServiceProcess.logFile("crash-second-" + dialect));
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> db.count("select count(*) from retrievals where state = 'ready'") == LOGINS);
      } finally {
        second.close();
      }

      assertThat(db.count("select count(*) from retrievals")).isEqualTo(LOGINS);
      for (SandboxLogin login : logins) {
        GroundTruth truth = sandbox.groundTruth(login.loginId());
        long loginRef = db.loginRef(login.loginId());
        assertThat(db.count("select count(*) from accounts where login_id = " + loginRef))
            .isEqualTo(truth.accounts());
        assertThat(
                db.count(
                    "select count(*) from transactions t join accounts a on a.id = t.account_id"
                        + " where a.login_id = "
                        + loginRef))
            .isEqualTo(truth.transactionsLast90Days());
      }
    }
  }

  /**
   * A database two JVMs can open: a PostgreSQL test schema, or an H2 file served to other
   * processes.
   */
  record SharedDatabase(String url, Database database, AutoCloseable owner)
      implements AutoCloseable {

    static SharedDatabase create(Dialect dialect, Path dir) {
      return switch (dialect) {
        case POSTGRESQL -> {
          TestDatabase test = TestDatabase.create(Dialect.POSTGRESQL);
          String url =
              TestDatabase.PG_URL
                  + (TestDatabase.PG_URL.contains("?") ? "&" : "?")
                  + "currentSchema="
                  + test.config().schema().orElseThrow();
          yield new SharedDatabase(url, test.database(), test);
        }
        case H2 -> {
          String url =
              "jdbc:h2:file:" + dir.resolve("crash").toAbsolutePath() + ";AUTO_SERVER=TRUE";
          Database database =
              Database.open(
                  new DatabaseConfig(url, Optional.empty(), Optional.empty(), 4, Optional.empty()));
          yield new SharedDatabase(url, database, database);
        }
      };
    }

    long count(String sql) {
      return database.inTransaction(c -> {
        try (var statement = c.createStatement();
            var rows = statement.executeQuery(sql)) {
          rows.next();
          return rows.getLong(1);
        }
      });
    }

    long loginRef(String loginId) {
      return new io.flinks4j.sync.login.LoginRepository(
              database,
              new io.flinks4j.sync.crypto.LoginIdProtector(
                  io.flinks4j.sync.crypto.MasterKey.fromBase64(EngineFixture.ENCRYPTION_KEY)),
              java.time.Clock.systemUTC())
          .find(loginId)
          .orElseThrow()
          .id();
    }

    @Override
    public void close() {
      try {
        owner.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot close the test database", e);
      }
    }
  }
}
