package io.flinks4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.RecordedRequest;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.storage.Dialect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two service processes on one PostgreSQL share 200 retrievals; each is done exactly once. */
@org.junit.jupiter.api.Tag("process") // excluded by ./run-tests --fast
@org.junit.jupiter.api.Tag("postgres")
class TwoInstanceTest {

  private static final int LOGINS = 200;
  private static final Pattern COMPLETED =
      Pattern.compile(
          "(?m)^flinks4j_retrievals_completed_total\\{[^}]*state=\"ready\"[^}]*} ([0-9.]+)");

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  @Test
  void two_instances_share_the_work_and_run_every_retrieval_exactly_once(
      FlinksSandbox sandbox, @TempDir Path dir) throws Exception {
    List<SandboxLogin> logins =
        IntStream.range(0, LOGINS)
            .mapToObj(i ->
                sandbox.createLogin(
                    LoginSpec.named("pair-" + UUID.randomUUID())
                        .withAccounts(2)
                        .withTransactionsPerYear(100)
                        .withProcessingDelay(Duration.ofMillis(600))))
            .toList();
    try (CrashRecoveryTest.SharedDatabase db =
        CrashRecoveryTest.SharedDatabase.create(Dialect.POSTGRESQL, dir)) {
      Map<String, String> env = new HashMap<>(EngineFixture.settings(sandbox));
      env.put(SyncConfig.DB_URL, db.url());
      env.put(EngineSettings.POLL_INTERVAL, "300ms");
      Map<String, String> envB = new HashMap<>(env);
      env.put(EngineSettings.INSTANCE_NAME, "pair-a");
      envB.put(EngineSettings.INSTANCE_NAME, "pair-b");
      try (var starting = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<ServiceProcess> startingB =
            starting.submit(() -> ServiceProcess.start(envB, ServiceProcess.logFile("pair-b")));
        try (ServiceProcess a = ServiceProcess.start(env, ServiceProcess.logFile("pair-a"));
            ServiceProcess b = startingB.get()) {
          List<Future<Integer>> registrations = new ArrayList<>();
          for (int i = 0; i < LOGINS; i++) {
            ServiceProcess target = i % 2 == 0 ? a : b;
            String body = "{\"loginId\":\"" + logins.get(i).loginId() + "\"}";
            registrations.add(starting.submit(() -> target.post("/v1/logins", body)));
          }
          for (Future<Integer> registration : registrations) {
            assertThat(registration.get()).isEqualTo(201);
          }
          await()
              .atMost(Duration.ofSeconds(90))
              .until(() ->
                  db.count("select count(*) from retrievals where state = 'ready'") == LOGINS);
          double byA = completed(a.metrics());
          double byB = completed(b.metrics());
          assertThat(byA + byB).isEqualTo(LOGINS);
          assertThat(byA).as("retrievals completed by instance a").isPositive();
          assertThat(byB).as("retrievals completed by instance b").isPositive();
        }
      }
      assertThat(db.count("select count(*) from retrievals")).isEqualTo(LOGINS);
      List<RecordedRequest> requests = sandbox.requests();
      for (SandboxLogin login : logins) {
        assertThat(
                requests.stream()
                    .filter(r ->
                        r.endpoint().equals("Authorize")
                            && r.body() != null
                            && r.body().contains(login.loginId())))
            .as("sessions opened for one login")
            .hasSize(1);
      }
      assertThat(requests.stream().filter(r -> r.endpoint().equals("GetAccountsDetail")))
          .hasSize(LOGINS);
    }
  }

  private static double completed(String metrics) {
    Matcher m = COMPLETED.matcher(metrics);
    double total = 0;
    while (m.find()) {
      total += Double.parseDouble(m.group(1));
    }
    return total;
  }
}
