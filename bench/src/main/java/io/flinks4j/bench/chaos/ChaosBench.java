package io.flinks4j.bench.chaos;

import io.flinks4j.bench.sync.PgSchemas;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sync.EngineSettings;
import io.flinks4j.sync.config.SyncConfig;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * {@code bench/run chaos}: N sync instances (separate JVMs, one PostgreSQL schema, one encryption
 * key) against a sandbox where about a quarter of the Flinks calls fail, one instance killed with
 * SIGKILL and restarted every ~10 s, live refreshes in the middle; then every login's stored
 * accounts and transactions against the sandbox's ground truth. Exit code 0 only when every login
 * ended ready with nothing lost and nothing duplicated.
 *
 * <p>Usage: {@value ChaosSettings#USAGE}.
 */
public final class ChaosBench {

  private static final int LOGIN_ACCOUNTS = 3;
  private static final int LOGIN_TRANSACTIONS_A_YEAR = 400;

  private ChaosBench() {}

  public static void main(String[] args) throws Exception {
    ChaosSettings settings;
    try {
      settings = ChaosSettings.fromArgs(args);
    } catch (IllegalArgumentException e) {
      System.err.println("chaos: " + e.getMessage());
      System.exit(64);
      return;
    }
    System.exit(run(settings) ? 0 : 1);
  }

  private static boolean run(ChaosSettings settings) throws Exception {
    Path runDir = Files.createTempDirectory("flinks4j-chaos-");
    HttpClient http =
        HttpClient.newBuilder()
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    try (FlinksSandbox sandbox =
        FlinksSandbox.builder().processingDelay(settings.processingDelay()).start()) {
      List<ChaosLogin> logins = new ArrayList<>();
      for (int i = 1; i <= settings.logins(); i++) {
        String username = "chaos_" + i;
        logins.add(
            new ChaosLogin(
                username,
                sandbox
                    .createLogin(
                        LoginSpec.named(username)
                            .withAccounts(LOGIN_ACCOUNTS)
                            .withTransactionsPerYear(LOGIN_TRANSACTIONS_A_YEAR)
                            .withSeed(i))
                    .loginId()));
      }
      FaultMix.faults(settings.seed()).forEach(sandbox::addFault);
      String apiKey = randomKey();
      String schema = PgSchemas.create();
      try (SyncCluster cluster =
          SyncCluster.start(
              settings.instances(),
              instanceEnv(settings, sandbox, schema, apiKey),
              runDir,
              settings.jar(),
              http)) {
        System.out.println(
            "chaos: " + settings.instances() + " sync instances up; their logs: " + runDir);
        return chaos(
            settings, sandbox, cluster, new ServiceApi(http, cluster.uris(), apiKey), logins);
      } finally {
        PgSchemas.drop(schema);
      }
    }
  }

  private static boolean chaos(
      ChaosSettings settings,
      FlinksSandbox sandbox,
      SyncCluster cluster,
      ServiceApi api,
      List<ChaosLogin> logins)
      throws Exception {
    Instant started = Instant.now();
    LoginDriver driver;
    int refused;
    LoginDriver.Outcome outcome;
    int kills;
    try (InstanceKiller killer =
        InstanceKiller.start(cluster, settings.killEvery(), settings.seed())) {
      driver = new LoginDriver(api, logins, settings.refreshEvery(), killer::kills, started);
      refused = driver.registerAll();
      outcome = driver.awaitEnd(started.plus(settings.cap()));
      kills = killer.kills();
      if (killer.failure() != null) {
        throw new IllegalStateException("a killed instance did not come back", killer.failure());
      }
    }
    Duration wallTime = Duration.between(started, Instant.now());
    Reconciler reconciler = new Reconciler(sandbox, api);
    List<LoginCheck> checks = logins.stream().map(reconciler::check).toList();
    ChaosReport report =
        new ChaosReport(
            settings, checks, refused, outcome, driver.refreshesPlanned(), kills, wallTime);
    report.print(System.out);
    return report.goalMet();
  }

  /**
   * What every instance shares: the sandbox, the database schema, the encryption key and the API
   * key.
   */
  private static Map<String, String> instanceEnv(
      ChaosSettings settings, FlinksSandbox sandbox, String schema, String apiKey) {
    Map<String, String> env = new HashMap<>();
    env.put(SyncConfig.FLINKS_BASE_URL, sandbox.baseUrl());
    env.put(SyncConfig.FLINKS_CUSTOMER_ID, sandbox.customerId());
    env.put(SyncConfig.FLINKS_SECRET_KEY, sandbox.secretKey());
    env.put(SyncConfig.FLINKS_API_KEY, sandbox.apiKey());
    env.put(SyncConfig.DB_URL, PgSchemas.url(schema));
    env.put(SyncConfig.ENCRYPTION_KEY, randomKey());
    env.put(SyncConfig.API_KEYS, apiKey);
    env.put(SyncConfig.HOST, "127.0.0.1");
    env.put(EngineSettings.POLL_INTERVAL, settings.pollInterval().toSeconds() + "s");
    env.put(EngineSettings.RETRY_BASE, "1s");
    // A killed instance's steps are taken over after 6 heartbeats: 12 s instead of 3 min.
    env.put(EngineSettings.HEARTBEAT, "2s");
    env.put(EngineSettings.SWEEP_INTERVAL, "5s");
    // No scheduled refresh: the only retrievals are the registrations' and the harness's live
    // refreshes.
    env.put(EngineSettings.CACHED_REFRESH, "0s");
    env.put(EngineSettings.LIVE_REFRESH, "0s");
    return env;
  }

  /**
   * Base64 of 32 random bytes, the form of the encryption key (and good enough for a bearer key).
   */
  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
