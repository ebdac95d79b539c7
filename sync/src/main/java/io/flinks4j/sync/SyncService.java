package io.flinks4j.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.flinks4j.client.DetailOptions;
import io.flinks4j.client.FlinksClient;
import io.flinks4j.client.RetryPolicy;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.sync.config.ConfigException;
import io.flinks4j.sync.config.LogSettings;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.connect.ConnectRoutes;
import io.flinks4j.sync.crypto.FieldCipher;
import io.flinks4j.sync.crypto.Keyring;
import io.flinks4j.sync.crypto.LoginIdProtector;
import io.flinks4j.sync.events.OutboundEvents;
import io.flinks4j.sync.http.ApiServer;
import io.flinks4j.sync.http.FeedRoutes;
import io.flinks4j.sync.http.HttpSettings;
import io.flinks4j.sync.http.ReadRoutes;
import io.flinks4j.sync.http.VersionRoutes;
import io.flinks4j.sync.idempotency.IdempotencyStore;
import io.flinks4j.sync.ingest.IngestResult;
import io.flinks4j.sync.ingest.Ingester;
import io.flinks4j.sync.login.LoginOptions;
import io.flinks4j.sync.login.LoginRepository;
import io.flinks4j.sync.login.StoredLogin;
import io.flinks4j.sync.retrieval.ClientFlinksGateway;
import io.flinks4j.sync.retrieval.DbSchedulerSteps;
import io.flinks4j.sync.retrieval.FlinksGateway;
import io.flinks4j.sync.retrieval.RateLimiter;
import io.flinks4j.sync.retrieval.RetrievalEngine;
import io.flinks4j.sync.retrieval.RetrievalHistoryRoutes;
import io.flinks4j.sync.retrieval.RetrievalRoutes;
import io.flinks4j.sync.retrieval.RetrievalStatuses;
import io.flinks4j.sync.retrieval.RetrievalStorage;
import io.flinks4j.sync.retrieval.StepFeed;
import io.flinks4j.sync.schedule.RefreshScheduler;
import io.flinks4j.sync.statements.StatementRoutes;
import io.flinks4j.sync.statements.StatementSource;
import io.flinks4j.sync.statements.StatementStore;
import io.flinks4j.sync.storage.Database;
import io.flinks4j.sync.storage.DatabaseConfig;
import io.flinks4j.sync.storage.ScheduledTasks;
import io.flinks4j.sync.storage.StorageException;
import io.flinks4j.sync.stream.EventStream;
import io.flinks4j.sync.webhook.WebhookReceiver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync service in one object: database, Flinks client, retrieval engine, refresh schedule,
 * webhooks, outbound events and the HTTP API, started together and stopped together. The CLI's
 * {@code serve} and {@code demo}, the tests and {@link #main} (a separate JVM in the crash and
 * two-instance tests) all start it the same way.
 *
 * <pre>{@code
 * SyncConfig config = SyncConfig.from(Settings.of(Map.of(
 *     "FLINKS_BASE_URL", sandbox.baseUrl(), "FLINKS_CUSTOMER_ID", sandbox.customerId(),
 *     "FLINKS_SECRET_KEY", sandbox.secretKey(), "FLINKS_API_KEY", sandbox.apiKey(),
 *     "FLINKS4J_API_KEYS", "k1", "FLINKS4J_PORT", "0")));
 * try (SyncService service = SyncService.start(config)) {
 *   URI api = service.uri(); // POST /v1/logins {"loginId": ...}
 * }
 * }</pre>
 */
public final class SyncService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SyncService.class);

  private final Database database;
  private final FlinksClient client;
  private final Scheduler scheduler;
  private final ApiServer server;
  private final EventStream stream;
  private final RetrievalEngine engine;
  private final LoginRepository logins;
  private final AutoCloseable jvmMetrics;

  private SyncService(
      Database database,
      FlinksClient client,
      Scheduler scheduler,
      ApiServer server,
      EventStream stream,
      RetrievalEngine engine,
      LoginRepository logins,
      AutoCloseable jvmMetrics) {
    this.database = database;
    this.client = client;
    this.scheduler = scheduler;
    this.server = server;
    this.stream = stream;
    this.engine = engine;
    this.logins = logins;
    this.jvmMetrics = jvmMetrics;
  }

  /**
   * Starts the service on the database the configuration names.
   *
   * @throws ConfigException when a setting is missing, unknown or invalid (e.g. no {@code
   *     FLINKS_BASE_URL}); found before anything touches the database
   */
  public static SyncService start(SyncConfig config) {
    SyncConfig checked = checked(config);
    return start(checked, DatabaseConfig.from(checked));
  }

  /** Starts the service on {@code databaseConfig} (tests pass a fresh schema). */
  public static SyncService start(SyncConfig given, DatabaseConfig databaseConfig) {
    SyncConfig config = checked(given);
    return start(
        config,
        config.embeddedDatabase(),
        poolMeters -> Database.open(databaseConfig, poolMeters),
        null);
  }

  /**
   * Starts the service on the application's own {@code dataSource} (the Spring Boot starter):
   * migrated on start, never closed by the service. The service's meters go to {@code meters} as
   * well as to the API's {@code /metrics}; JVM and pool meters are left to the application, which
   * binds its own.
   *
   * @throws ConfigException as {@link #start(SyncConfig)}, and when {@code FLINKS4J_ENCRYPTION_KEY}
   *     is absent (no key file is made beside an application's database: every instance must share
   *     the key)
   */
  public static SyncService start(SyncConfig given, DataSource dataSource, MeterRegistry meters) {
    SyncConfig config = checked(given);
    return start(
        config,
        false,
        poolMeters -> Database.adopt(dataSource),
        Objects.requireNonNull(meters, "meters"));
  }

  /**
   * @param keyFileAllowed whether the encryption key may come from a key file in the data folder
   *     when not set
   * @param opener opens the database, given the registry for its pool's meters
   * @param appMeters the application's registry, or null when the service is the application
   */
  private static SyncService start(
      SyncConfig config,
      boolean keyFileAllowed,
      Function<MeterRegistry, Database> opener,
      MeterRegistry appMeters) {
    // Every setting is checked before the database is opened: a bad one must not leave tables
    // migrated behind it.
    EngineSettings settings = EngineSettings.from(config.settings());
    LogSettings.from(config.settings());
    HttpSettings http = HttpSettings.from(config.settings());
    Keyring keyring = Keyring.fromConfig(config, keyFileAllowed);
    FlinksClient client = flinksClient(config, settings);
    List<AutoCloseable> opened = new ArrayList<>();
    opened.add(client);
    try {
      PrometheusMeterRegistry served = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      MeterRegistry meters =
          appMeters == null ? served : new CompositeMeterRegistry().add(served).add(appMeters);
      AutoCloseable jvmMetrics = appMeters == null ? bindJvmMetrics(served) : () -> {};
      opened.add(jvmMetrics);
      Database database = opener.apply(meters);
      opened.add(database);
      Clock clock = Clock.systemUTC();
      ObjectMapper json = new ObjectMapper();
      LoginIdProtector protector = new LoginIdProtector(keyring);
      LoginRepository logins = new LoginRepository(database, protector, clock);
      FieldCipher cipher = protector.cipher();
      IdempotencyStore idempotency =
          new IdempotencyStore(database, protector, http.idempotencyTtl(), clock);
      FlinksGateway gateway =
          new ClientFlinksGateway(
              client,
              DetailOptions.defaults(),
              settings.firstRetrievalDays(),
              settings.refreshDays());
      OutboundEvents events = new OutboundEvents(database, settings.events(), json, cipher, clock);
      Ingester ingester = new Ingester(clock, meters);
      DbSchedulerSteps steps =
          new DbSchedulerSteps(database, clock, settings.retrieval().pollInterval());
      RetrievalEngine engine =
          new RetrievalEngine(
              database,
              storage(logins, ingester),
              gateway,
              events,
              settings.retrieval(),
              new RateLimiter(settings.rateLimit(), (int) Math.max(1, settings.rateLimit()), clock),
              steps,
              clock,
              new Random(),
              meters,
              json);
      RefreshScheduler refresh = new RefreshScheduler(database, engine, settings.refresh(), clock);
      WebhookReceiver webhooks =
          new WebhookReceiver(
              database,
              logins,
              engine,
              ingester::applyKyc,
              config.webhookKey(),
              cipher,
              settings.webhookRetries(),
              clock,
              meters);
      events.relaunchUrlsFrom(engine::relaunchUrl);
      StateGauges gauges = new StateGauges(database, meters);
      RecurringTask<Void> sweep =
          Tasks.recurring("engine-sweep", Schedules.fixedDelay(settings.sweepInterval()))
              .execute((instance, context) -> {
                engine.sweep();
                events.sweep();
                webhooks.sweep();
                idempotency.purgeExpired();
                gauges.refresh();
              });

      Scheduler scheduler =
          scheduler(
              database, settings, steps.task(engine::advance), events, webhooks, refresh, sweep);
      steps.bind(scheduler);
      events.bind(scheduler);
      webhooks.bind(scheduler);
      scheduler.start();
      opened.add(scheduler::stop);

      EventStream stream = new EventStream(new StepFeed(database), logins, json, clock);
      opened.add(stream);
      ApiServer server =
          ApiServer.builder(config)
              .meterRegistry(served)
              .dashboardConnectOrigin(ConnectRoutes.origin(client.connectPage()))
              .idempotency(idempotency)
              .clock(clock)
              .readinessCheck("database", database::isReachable)
              .readinessCheck("scheduler", () -> isRunning(scheduler))
              .routes(new ReadRoutes(database, logins, new RetrievalStatuses(database, engine)))
              .routes(new FeedRoutes(database, logins))
              .routes(
                  new StatementRoutes(
                      logins, new StatementStore(database, clock), StatementSource.over(client)))
              .routes(new RetrievalRoutes(database, logins, engine))
              .routes(new RetrievalHistoryRoutes(database, logins, engine))
              .routes(stream)
              .routes(new ConnectRoutes(client))
              .routes(webhooks)
              .routes(new VersionRoutes())
              .start();
      log.info("sync service started: {} (API on port {})", config, server.port());
      return new SyncService(
          database, client, scheduler, server, stream, engine, logins, jvmMetrics);
    } catch (RuntimeException e) {
      closeAll(opened);
      throw e;
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI uri() {
    return server.localUri();
  }

  public int port() {
    return server.port();
  }

  /**
   * Every route the HTTP app serves, as {@code "METHOD /path"} (what the OpenAPI contract test must
   * cover).
   */
  public List<String> servedRoutes() {
    return server.servedRoutes();
  }

  public Database database() {
    return database;
  }

  public LoginRepository logins() {
    return logins;
  }

  public RetrievalEngine engine() {
    return engine;
  }

  /**
   * Database reachable, engine running, steps waiting too long: one look, cheap enough for every
   * health probe.
   */
  public ServiceHealth health() {
    boolean reachable = database.isReachable();
    long late = -1;
    if (reachable) {
      try {
        late =
            database.inTransaction(
                c -> ScheduledTasks.notStarted(c, Instant.now().minus(ServiceHealth.LATE)));
      } catch (StorageException e) {
        reachable = false;
      }
    }
    return new ServiceHealth(reachable, isRunning(scheduler), late);
  }

  /**
   * Stops taking requests, lets running steps finish (up to a few seconds), then closes the pool it
   * opened (an application's DataSource stays open).
   */
  @Override
  public void close() {
    closeAll(
        List.of(
            jvmMetrics,
            client,
            database,
            scheduler::stop,
            server,
            stream)); // open streams end first
  }

  /**
   * Runs the service until the process is stopped: configuration from the environment and, when
   * given, the file named by the first argument.
   */
  public static void main(String[] args) throws InterruptedException {
    SyncConfig config =
        SyncConfig.from(
            ServiceKeys.load(
                args.length > 0 ? Optional.of(Path.of(args[0])) : Optional.empty(),
                System.getenv()));
    SyncService service = start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  stopped.countDown();
                },
                "flinks4j-shutdown"));
    stopped.await();
  }

  // ---- wiring
  // ---------------------------------------------------------------------------------------------------

  private static boolean isRunning(Scheduler scheduler) {
    return scheduler.getSchedulerState().isStarted()
        && !scheduler.getSchedulerState().isShuttingDown();
  }

  /**
   * {@code config} with no unknown key and its secrets read from their files (the same object when
   * none is).
   */
  private static SyncConfig checked(SyncConfig config) {
    Settings resolved = ServiceKeys.KNOWN.validate(config.settings());
    return resolved == config.settings() ? config : SyncConfig.from(resolved);
  }

  /**
   * Binds the JVM's own meters (memory, GC, threads, classes, CPU, uptime) beside the service's, on
   * the same {@code /metrics}; closing the result removes the GC listener, which would otherwise
   * outlive the service.
   */
  private static AutoCloseable bindJvmMetrics(MeterRegistry meters) {
    new ClassLoaderMetrics().bindTo(meters);
    new JvmMemoryMetrics().bindTo(meters);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
    new UptimeMetrics().bindTo(meters);
    return gc;
  }

  private static FlinksClient flinksClient(SyncConfig config, EngineSettings settings) {
    URI base =
        config
            .flinksBaseUrl()
            .orElseThrow(() ->
                new ConfigException(
                    SyncConfig.FLINKS_BASE_URL
                        + " is required (the CLI's serve starts an embedded sandbox when it is absent)"));
    FlinksClient.Builder builder =
        FlinksClient.builder()
            .baseUrl(base)
            .customerId(require(config.flinksCustomerId(), SyncConfig.FLINKS_CUSTOMER_ID))
            .secretKey(require(config.flinksSecretKey(), SyncConfig.FLINKS_SECRET_KEY))
            // The engine retries by rescheduling its step; the client must not sleep between
            // attempts itself.
            .retryPolicy(RetryPolicy.none());
    config.flinksApiKey().ifPresent(builder::apiKey);
    settings.connectUrl().ifPresent(builder::connectUrl);
    return builder.build();
  }

  private static String require(Optional<String> value, String key) {
    return value
        .filter(v -> !v.isBlank())
        .orElseThrow(() -> new ConfigException(key + " is required"));
  }

  private static Scheduler scheduler(
      Database database,
      EngineSettings settings,
      CustomTask<Void> retrievalSteps,
      OutboundEvents events,
      WebhookReceiver webhooks,
      RefreshScheduler refresh,
      RecurringTask<Void> sweep) {
    var builder =
        Scheduler.create(database.dataSource(), retrievalSteps, events.task(), webhooks.task())
            .startTasks(refresh.task(), sweep)
            .threads(settings.schedulerThreads())
            // Virtual threads, but a fixed number of them: db-scheduler hands every fetched step to
            // the executor at
            // once, so an unbounded executor let a burst of requests open thousands of connections
            // at the same time.
            .executorService(
                Executors.newFixedThreadPool(
                    settings.schedulerThreads(),
                    Thread.ofVirtual().name("flinks4j-step-", 0).factory()))
            // No immediate execution: every schedule call would wake a fetch (and on H2 each fetch
            // queues again the due
            // steps not picked yet); one fetch per short polling interval starts new retrievals
            // about as soon.
            .pollingInterval(settings.schedulerPolling())
            .heartbeatInterval(settings.heartbeat())
            // polls of retrievals in flight before new retrievals' first steps (DbSchedulerSteps)
            .enablePriority()
            .alwaysPersistTimestampInUTC()
            .shutdownMaxWait(Duration.ofSeconds(5));
    settings.instanceName().ifPresent(name -> builder.schedulerName(new SchedulerName.Fixed(name)));
    switch (database.dialect()) {
      // SELECT ... FOR UPDATE SKIP LOCKED: instances pick disjoint due steps without colliding
      case POSTGRESQL -> builder.pollUsingLockAndFetch(0.5, 1.0);
      case H2 -> builder.jdbcCustomization(new DefaultJdbcCustomization(true));
    }
    return builder.build();
  }

  /**
   * The engine's view of storage: decrypt a login's id, apply a payload, both on the caller's
   * connection.
   */
  private static RetrievalStorage storage(LoginRepository logins, Ingester ingester) {
    return new RetrievalStorage() {
      @Override
      public Optional<String> loginId(Connection connection, long loginRef) throws SQLException {
        return logins.findById(connection, loginRef).map(StoredLogin::loginId);
      }

      @Override
      public LoginOptions options(Connection connection, long loginRef) throws SQLException {
        return logins
            .findById(connection, loginRef)
            .map(StoredLogin::options)
            .orElse(LoginOptions.DEFAULTS);
      }

      @Override
      public IngestResult ingest(
          Connection connection, long loginRef, String retrievalId, AccountsDetail payload)
          throws SQLException {
        return ingester.apply(connection, loginRef, retrievalId, payload);
      }
    };
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        log.warn("error while stopping: {}", e.toString());
      }
    }
  }
}
