package io.flinks4j.bench.sync;

import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sync.SyncService;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.login.Registration;
import io.flinks4j.sync.retrieval.RetrievalMode;
import io.flinks4j.sync.schedule.RefreshSettings;
import io.flinks4j.sync.storage.Database;
import io.flinks4j.sync.storage.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A refresh sweep: every stored login re-read from Flinks's cache (cached {@code /Authorize},
 * GetAccountsDetail, ingest) end to end through the sync engine, as its daily schedule does,
 * measured as logins per second.
 *
 * <p>The logins are first registered and synced once (their first retrieval stores every
 * transaction; reported as "initial sync"), then a cached retrieval is requested for all of them at
 * once and the clock runs until the last one is stored. Sandbox, service and database share this
 * JVM and machine; the sandbox answers 200 at once.
 *
 * <p>Usage: {@code SweepBench [h2|pg|all] [logins] [transactions per year]}.
 */
public final class SweepBench {

  private SweepBench() {}

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "all";
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int perYear = args.length > 2 ? Integer.parseInt(args[2]) : 400;
    try (FlinksSandbox sandbox = FlinksSandbox.builder().processingDelay(Duration.ZERO).start()) {
      List<String> loginIds = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        loginIds.add(
            sandbox
                .createLogin(
                    LoginSpec.named("sweep_" + i)
                        .withAccounts(3)
                        .withTransactionsPerYear(perYear)
                        .withSeed(i))
                .loginId());
      }
      System.out.printf(
          Locale.ROOT,
          "== refresh sweep: %,d logins, 3 accounts, 90 days (~%d transactions a login),"
              + " cached reads, sandbox answering 200 at once ==%n",
          count,
          perYear * 90 / 365);
      for (String kind : which.equals("all") ? List.of("h2", "pg") : List.of(which)) {
        run(sandbox, kind, loginIds);
      }
    }
  }

  private static void run(FlinksSandbox sandbox, String kind, List<String> loginIds)
      throws Exception {
    Path dataDir = Files.createTempDirectory("flinks4j-bench-sweep");
    Map<String, String> settings =
        new HashMap<>(
            Map.of(
                "FLINKS_BASE_URL",
                sandbox.baseUrl(),
                "FLINKS_CUSTOMER_ID",
                sandbox.customerId(),
                "FLINKS_SECRET_KEY",
                sandbox.secretKey(),
                "FLINKS_API_KEY",
                sandbox.apiKey(),
                "FLINKS4J_API_KEYS",
                "bench-sweep-key-0123456789abcdef",
                "FLINKS4J_PORT",
                "0",
                "FLINKS4J_HOST",
                "127.0.0.1",
                "FLINKS4J_DATA_DIR",
                dataDir.toString(),
                "FLINKS4J_RATE_LIMIT",
                "0",
                "FLINKS4J_CACHED_REFRESH",
                "0s"));
    settings.put("FLINKS4J_LIVE_REFRESH", "0s");
    settings.put("FLINKS4J_POLL_INTERVAL", "1s");
    SyncConfig config = SyncConfig.from(Settings.of(settings));
    String schema = kind.equals("pg") ? PgSchemas.create() : null;
    DatabaseConfig database =
        schema != null
            ? new DatabaseConfig(
                PgSchemas.baseUrl(),
                Optional.empty(),
                Optional.empty(),
                config.databasePoolSize(),
                Optional.of(schema))
            : DatabaseConfig.h2File(dataDir).withPoolSize(config.databasePoolSize());
    try (SyncService service = SyncService.start(config, database)) {
      long started = System.nanoTime();
      long cpuStarted = cpuNanos();
      List<Long> refs = new ArrayList<>(loginIds.size());
      for (String loginId : loginIds) {
        Registration registration =
            service
                .database()
                .inTransaction(c -> service.logins().register(c, loginId, Optional.empty()));
        refs.add(registration.login().id());
        service.engine().request(registration.login().id(), RetrievalMode.CACHED);
      }
      awaitReady(service.database(), loginIds.size());
      double initial = (System.nanoTime() - started) / 1e9;
      double initialCpu = (cpuNanos() - cpuStarted) / 1e9;

      started = System.nanoTime();
      cpuStarted = cpuNanos();
      int batch = RefreshSettings.defaults().batch(); // as the refresh scheduler requests them
      for (int from = 0; from < refs.size(); from += batch) {
        service
            .engine()
            .requestAll(
                refs.subList(from, Math.min(refs.size(), from + batch)), RetrievalMode.CACHED);
      }
      double requested = (System.nanoTime() - started) / 1e9;
      awaitReady(service.database(), 2L * loginIds.size());
      double sweep = (System.nanoTime() - started) / 1e9;
      double sweepCpu = (cpuNanos() - cpuStarted) / 1e9;
      long transactions = count(service.database(), "select count(*) from transactions");
      System.out.printf(Locale.ROOT, "%s%n", kind.equals("pg") ? "PostgreSQL" : "H2 (file)");
      System.out.printf(
          Locale.ROOT,
          "  initial sync (register + first retrieval, %,d transactions stored) %7.1f s"
              + " %8.0f logins/s, %6.1f ms of CPU per login%n",
          transactions,
          initial,
          loginIds.size() / initial,
          initialCpu * 1000 / loginIds.size());
      System.out.printf(
          Locale.ROOT,
          "  refresh sweep from cache (requests issued in %.1f s)            %7.1f s"
              + " %8.0f logins/s, %6.1f ms of CPU per login (goal >= 500 logins/s on H2: %s)%n",
          requested,
          sweep,
          loginIds.size() / sweep,
          sweepCpu * 1000 / loginIds.size(),
          loginIds.size() / sweep >= 500 ? "met" : "NOT met");
      System.out.printf(
          Locale.ROOT,
          "  (CPU: this JVM, i.e. sandbox + sync service%s; %d cores, load average %.1f)%n",
          kind.equals("pg") ? ", not the PostgreSQL server" : " + H2",
          Runtime.getRuntime().availableProcessors(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    } finally {
      if (schema != null) {
        PgSchemas.drop(schema);
      }
      deleteTree(dataDir);
    }
  }

  private static void awaitReady(Database database, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    while (System.nanoTime() < deadline) {
      long done =
          count(
              database,
              "select count(*) from retrievals where state in ('ready', 'failed', 'timed_out')");
      if (done >= expected) {
        long failed = count(database, "select count(*) from retrievals where state <> 'ready'");
        if (failed > 0) {
          throw new IllegalStateException(failed + " retrievals did not end ready");
        }
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("retrievals still running after 30 minutes");
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long count(Database database, String sql) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql);
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  static void deleteTree(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
