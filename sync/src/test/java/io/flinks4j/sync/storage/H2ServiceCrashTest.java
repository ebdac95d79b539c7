package io.flinks4j.sync.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.EngineSettings;
import io.flinks4j.sync.ServiceProcess;
import io.flinks4j.sync.config.SyncConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service on its default H2 file, killed with SIGKILL again and again after H2 started
 * reusing freed space (its retention time shortened from 45 s to 1 s): every login a {@code POST
 * /v1/logins} answered 201 for is still there after each restart, whether the kill came while
 * retrievals were writing or after a quiet spell.
 */
@Tag("process") // excluded by ./run-tests --fast
class H2ServiceCrashTest {

  private static final int ROUNDS = 4;
  private static final int LOGINS_PER_ROUND = 5;

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  @Test
  void no_acknowledged_registration_is_lost_to_a_kill_at_a_quiet_or_a_busy_moment(
      FlinksSandbox sandbox, @TempDir Path dir) {
    Map<String, String> env = new HashMap<>(EngineFixture.settings(sandbox));
    env.put(
        SyncConfig.DB_URL,
        "jdbc:h2:file:" + dir.resolve("flinks4j").toAbsolutePath() + ";RETENTION_TIME=1000");
    env.put(EngineSettings.POLL_INTERVAL, "100ms");
    List<String> acknowledged = new ArrayList<>();
    for (int round = 1; round <= ROUNDS; round++) {
      boolean quiet = round % 2 == 1;
      ServiceProcess service =
          ServiceProcess.start(env, ServiceProcess.logFile("h2-crash-" + round));
      try {
        assertThat(acknowledged)
            .as("registrations acknowledged before the kill of round %d", round - 1)
            .allSatisfy(
                loginId -> assertThat(service.status("/v1/logins/" + loginId)).isEqualTo(200));
        for (int i = 0; i < LOGINS_PER_ROUND; i++) {
          String loginId =
              sandbox
                  .createLogin(
                      LoginSpec.named("h2-crash-" + UUID.randomUUID())
                          .withTransactionsPerYear(200)
                          .withProcessingDelay(quiet ? Duration.ZERO : Duration.ofSeconds(5)))
                  .loginId();
          assertThat(service.post("/v1/logins", "{\"loginId\":\"" + loginId + "\"}"))
              .isEqualTo(201);
          acknowledged.add(loginId);
        }
        if (quiet) {
          // Past the retention time with nothing left to do, so the next commits may go into reused
          // space.
          await()
              .pollDelay(Duration.ofMillis(1500))
              .atMost(Duration.ofSeconds(3))
              .until(() -> true);
        }
      } finally {
        service.kill();
      }
    }
    ServiceProcess last = ServiceProcess.start(env, ServiceProcess.logFile("h2-crash-last"));
    try {
      assertThat(acknowledged)
          .hasSize(ROUNDS * LOGINS_PER_ROUND)
          .allSatisfy(loginId -> assertThat(last.status("/v1/logins/" + loginId)).isEqualTo(200));
    } finally {
      last.close();
    }
  }
}
