package io.flinks4j.sync.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.sync.crypto.FieldCipher;
import io.flinks4j.sync.crypto.LoginIdProtector;
import io.flinks4j.sync.crypto.MasterKey;
import io.flinks4j.sync.events.EventSettings;
import io.flinks4j.sync.events.OutboundEvents;
import io.flinks4j.sync.ingest.IngestResult;
import io.flinks4j.sync.ingest.Ingester;
import io.flinks4j.sync.login.LoginOptions;
import io.flinks4j.sync.login.LoginRepository;
import io.flinks4j.sync.login.StoredLogin;
import io.flinks4j.sync.storage.Database;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.storage.StorageException;
import io.flinks4j.sync.testing.Payloads;
import io.flinks4j.sync.testing.TestDatabase;
import io.flinks4j.sync.testing.TestDialects;
import io.flinks4j.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * Deterministic simulation of the retrieval engine, in the style FoundationDB and TigerBeetle are
 * trusted for: a scripted Flinks ({@link SimulatedFlinks}) drawing every outcome from one seed, a
 * virtual clock, a virtual-time step queue in place of db-scheduler, and the engine killed and
 * rebuilt in the middle of its steps, over the real store (H2 and PostgreSQL), whose writes of data
 * sometimes fail as in a failover. Hours of virtual time run in a second or two per seed. After
 * every run: each login's retrievals end ready, or failed for a permanent reason, or timed out at
 * their deadline; data is ingested once; polls are never closer than the interval; nothing calls
 * Flinks past a retrieval's deadline.
 *
 * <p>A failing run names its seed; replay it with {@code -Dflinks4j.simulation.seed=<seed>} (more
 * seeds: {@code -Dflinks4j.simulation.seeds=<count>}).
 */
class RetrievalSimulationTest {

  private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
  private static final Duration HORIZON = Duration.ofHours(4);
  private static final Duration TICK = Duration.ofSeconds(30);

  /** db-scheduler takes over a dead instance's step after 6 heartbeats of 30 s. */
  private static final Duration TAKEOVER = Duration.ofMinutes(3);

  private static final Set<String> PERMANENT =
      Set.of("DISABLED_LOGIN", "INVALID_SECURITY_RESPONSE");

  /** Seeds 1..8 on H2 and 1001..1002 on PostgreSQL, or the one seed to replay, on both. */
  static final class Runs implements ArgumentsProvider {
    @Override
    public Stream<? extends Arguments> provideArguments(
        ParameterDeclarations parameters, ExtensionContext context) {
      boolean postgres =
          !"off".equals(context.getConfigurationParameter(TestDialects.PARAMETER).orElse("on"));
      String replay = System.getProperty("flinks4j.simulation.seed");
      if (replay != null) {
        long seed = Long.parseLong(replay);
        return Stream.of(Dialect.values())
            .filter(d -> postgres || d == Dialect.H2)
            .map(d -> Arguments.of(d, seed, logins(d)));
      }
      long seeds = Long.getLong("flinks4j.simulation.seeds", 8);
      Stream<Arguments> h2 =
          LongStream.rangeClosed(1, seeds)
              .mapToObj(seed -> Arguments.of(Dialect.H2, seed, logins(Dialect.H2)));
      return !postgres
          ? h2
          : Stream.concat(
              h2,
              LongStream.rangeClosed(1, Math.max(1, seeds / 4))
                  .mapToObj(seed ->
                      Arguments.of(Dialect.POSTGRESQL, 1000 + seed, logins(Dialect.POSTGRESQL))));
    }
  }

  private static int logins(Dialect dialect) {
    return dialect == Dialect.H2 ? 300 : 120;
  }

  @ParameterizedTest(name = "{0} seed {1}, {2} logins")
  @ArgumentsSource(Runs.class)
  void every_retrieval_ends_for_a_reason_through_faults_outages_and_crashes(
      Dialect dialect, long seed, int logins) {
    try (TestDatabase database = TestDatabase.create(dialect)) {
      Simulation simulation = new Simulation(database.database(), seed, logins);
      try {
        simulation.run();
        simulation.check();
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "simulation failed on "
                + dialect
                + " with seed "
                + seed
                + " (replay: -Dflinks4j.simulation.seed="
                + seed
                + ")",
            e);
      }
      System.out.printf("simulation %s seed %d: %s%n", dialect, seed, simulation.summary());
    }
  }

  /** One seeded run: logins, the scripted Flinks, the engine and the virtual-time queue. */
  private static final class Simulation implements StepScheduler {
    private final Database database;
    private final long seed;
    private final Random random;
    private final MutableClock clock = new MutableClock(START);
    private final RetrievalSettings settings = RetrievalSettings.defaults();
    private final ObjectMapper json = new ObjectMapper();
    private final LoginRepository logins;
    private final Ingester ingester;
    private final OutboundEvents events;
    private final SimulatedFlinks flinks;
    private final Map<String, Long> refs = new LinkedHashMap<>();
    private final Map<String, Integer> ingests = new HashMap<>();
    private final Map<String, String> answersScheduled = new HashMap<>();
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final Map<String, Event> stepOf = new HashMap<>();
    private final int loginCount;
    private RetrievalEngine engine;
    private long sequence;
    private int restarts;
    private int steps;
    private long wallNanos;

    Simulation(Database database, long seed, int loginCount) {
      this.database = database;
      this.seed = seed;
      this.random = new Random(seed);
      this.loginCount = loginCount;
      this.logins =
          new LoginRepository(database, new LoginIdProtector(MasterKey.generate()), clock);
      this.ingester = new Ingester(clock);
      this.events =
          new OutboundEvents(
              database,
              EventSettings.disabled(),
              json,
              new FieldCipher(MasterKey.generate()),
              clock);
      Instant outageStart = START.plus(Duration.ofSeconds(random.nextInt(600)));
      // Half the runs have a short outage that retries ride out; half one longer than a retrieval's
      // deadline,
      // which only the recovery retries get through.
      Duration outage =
          random.nextBoolean()
              ? Duration.ofSeconds(60 + random.nextInt(420))
              : Duration.ofMinutes(35 + random.nextInt(16));
      this.flinks =
          new SimulatedFlinks(
              random,
              clock,
              settings.pollInterval(),
              0.25,
              0.01,
              outageStart,
              outage,
              this::activeDeadline);
      this.engine = newEngine();
    }

    private RetrievalEngine newEngine() {
      RetrievalStorage storage =
          new RetrievalStorage() {
            @Override
            public Optional<String> loginId(Connection c, long loginRef) throws SQLException {
              return logins.findById(c, loginRef).map(StoredLogin::loginId);
            }

            @Override
            public LoginOptions options(Connection c, long loginRef) {
              return LoginOptions.DEFAULTS;
            }

            @Override
            public IngestResult ingest(
                Connection c, long loginRef, String retrievalId, AccountsDetail payload)
                throws SQLException {
              if (random.nextDouble()
                  < 0.02) { // the database fails over in the middle of the write
                throw new StorageException(
                    "simulated", new SQLException("connection lost", "08006"));
              }
              ingests.merge(loginIdOf(loginRef), 1, Integer::sum);
              return ingester.apply(c, loginRef, retrievalId, payload);
            }
          };
      return new RetrievalEngine(
          database,
          storage,
          flinks,
          events,
          settings,
          new RateLimiter(0, 1, clock),
          this,
          clock,
          new Random(seed * 31 + restarts),
          new SimpleMeterRegistry(),
          json);
    }

    // ---- the script
    // -------------------------------------------------------------------------------------------

    void run() {
      long began = System.nanoTime();
      for (int i = 0; i < loginCount; i++) {
        String loginId = new UUID(random.nextLong(), random.nextLong()).toString();
        boolean mfa = random.nextDouble() < 0.15;
        SimulatedFlinks.Profile profile =
            new SimulatedFlinks.Profile(
                random.nextInt(7),
                random.nextDouble() < 0.05,
                mfa,
                payload(loginId, 1 + random.nextInt(20)));
        flinks.add(loginId, profile);
        refs.put(loginId, logins.register(loginId, Optional.empty()).login().id());
        Instant at = START.plus(Duration.ofSeconds(random.nextInt(600)));
        enqueue(new Event(at, sequence++, Kind.REQUEST, loginId));
        if (!mfa && !profile.disabled() && random.nextDouble() < 0.1) {
          enqueue(
              new Event(
                  at.plus(Duration.ofSeconds(random.nextInt(180))),
                  sequence++,
                  Kind.WEBHOOK,
                  loginId));
        }
      }
      for (Instant t = START; t.isBefore(START.plus(HORIZON)); t = t.plus(TICK)) {
        enqueue(new Event(t, sequence++, Kind.TICK, null));
      }
      while (!queue.isEmpty()) {
        Event event = queue.poll();
        if (event.kind == Kind.STEP && stepOf.get(event.subject) != event) {
          continue; // rescheduled since
        }
        clock.moveTo(event.at);
        switch (event.kind) {
          case REQUEST ->
              engine.request(
                  refs.get(event.subject),
                  flinks.profile(event.subject).mfa() ? RetrievalMode.LIVE : RetrievalMode.CACHED);
          case STEP -> step(event.subject);
          case ANSWER -> answer(event.subject);
          case WEBHOOK -> webhook(event.subject);
          case TICK -> engine.recoverStalled(500);
        }
      }
      wallNanos = System.nanoTime() - began;
    }

    private void step(String retrievalId) {
      stepOf.remove(retrievalId);
      steps++;
      try {
        switch (engine.advance(retrievalId)) {
          case RetrievalEngine.Step.Done done -> {}
          case RetrievalEngine.Step.RunAt runAt -> schedule(retrievalId, runAt.at());
        }
      } catch (SimulatedFlinks.SimulatedCrash crash) {
        restart();
        schedule(
            retrievalId, clock.instant().plus(TAKEOVER)); // its execution is revived as a dead one
      }
      askForAnswers(retrievalId);
    }

    /**
     * The customer answers a while after the questions appear: mostly right, sometimes wrong,
     * sometimes never.
     */
    private void askForAnswers(String retrievalId) {
      Retrieval r = database.inTransaction(c -> engine.store().find(c, retrievalId)).orElseThrow();
      if (r.state() != RetrievalState.MFA_REQUIRED
          || r.requestId().equals(answersScheduled.get(retrievalId))) {
        return;
      }
      answersScheduled.put(retrievalId, r.requestId());
      double draw = random.nextDouble();
      Duration delay =
          draw < 0.1
              ? settings.mfaTimeout().plusMinutes(1)
              : Duration.ofSeconds(5 + random.nextInt(300));
      enqueue(
          new Event(clock.instant().plus(delay), sequence++, Kind.ANSWER, loginIdOf(r.loginRef())));
    }

    private void answer(String loginId) {
      String answer = random.nextDouble() < 0.05 ? "Toronto" : SimulatedFlinks.MFA_ANSWER;
      try {
        engine.answerMfa(refs.get(loginId), Map.of(SimulatedFlinks.MFA_PROMPT, List.of(answer)));
      } catch (MfaNotPendingException expiredOrRestarted) {
        // the questions expired, or a crash made the engine open a new session that asks again
      } catch (SimulatedFlinks.SimulatedCrash crash) {
        restart();
      }
    }

    /**
     * Flinks delivers the data by webhook too, racing the polls (named by its session when it has
     * one).
     */
    private void webhook(String loginId) {
      try {
        engine.completeFromWebhook(
            refs.get(loginId),
            flinks.latestSession(loginId).orElse(null),
            flinks.profile(loginId).payload());
      } catch (StorageException failedOver) {
        // the webhook's apply task runs again later
        enqueue(new Event(clock.instant().plusSeconds(5), sequence++, Kind.WEBHOOK, loginId));
      }
    }

    private void restart() {
      restarts++;
      engine = newEngine();
    }

    // ---- StepScheduler: the virtual-time queue
    // ----------------------------------------------------------------

    @Override
    public void scheduleFirst(Connection c, List<String> retrievalIds, Instant at) {
      retrievalIds.forEach(id -> schedule(id, at));
    }

    @Override
    public void runNow(String retrievalId) {
      schedule(retrievalId, clock.instant());
    }

    @Override
    public List<String> orphans(Connection c, Instant olderThan, int limit) {
      return List.of(); // the queue loses nothing
    }

    private void schedule(String retrievalId, Instant at) {
      Event event = new Event(at, sequence++, Kind.STEP, retrievalId);
      stepOf.put(retrievalId, event);
      queue.add(event);
    }

    private void enqueue(Event event) {
      queue.add(event);
    }

    // ---- invariants
    // -------------------------------------------------------------------------------------------

    void check() {
      assertThat(flinks.violations()).as("what Flinks saw the engine do wrong").isEmpty();
      Map<String, List<Retrieval>> byLogin = retrievals();
      for (Map.Entry<String, Long> login : refs.entrySet()) {
        String loginId = login.getKey();
        SimulatedFlinks.Profile profile = flinks.profile(loginId);
        List<Retrieval> history = byLogin.getOrDefault(loginId, List.of());
        assertThat(history)
            .as("retrievals of %s", loginId)
            .isNotEmpty()
            .allSatisfy(r -> assertThat(r.state().isTerminal()).as("%s ended", r).isTrue());
        for (Retrieval r : history) {
          switch (r.state()) {
            case READY -> assertThat(r.reason()).isNull();
            case FAILED ->
                assertThat(r.reason()).as("%s failed for a permanent reason", r).isIn(PERMANENT);
            case TIMED_OUT -> {
              assertThat(r.reason())
                  .as("%s timed out saying why", r)
                  .isIn(FailureReason.DEADLINE, FailureReason.MFA_TIMEOUT);
              assertThat(r.reasonMessage()).isNotBlank();
              assertThat(r.completedAt())
                  .as("%s never ends before its deadline", r)
                  .isAfterOrEqualTo(r.deadlineAt());
            }
            default -> throw new AssertionError("not terminal: " + r);
          }
          assertThat(r.recoveryRound()).isBetween(0, settings.recoveryDelays().size());
        }
        Retrieval last = history.getLast();
        boolean ready = history.stream().anyMatch(r -> r.state() == RetrievalState.READY);
        assertThat(ingests.getOrDefault(loginId, 0))
            .as("ingests of %s", loginId)
            .isEqualTo(ready ? 1 : 0);
        if (ready) {
          assertThat(transactionsOf(login.getValue()))
              .isEqualTo(profile.payload().accounts().getFirst().transactions().size());
        }
        if (profile.disabled()) {
          assertThat(last.state())
              .as("%s of a disabled login", last)
              .isEqualTo(RetrievalState.FAILED);
        } else if (!profile.mfa()) {
          assertThat(last.state())
              .as("%s: transient faults never keep a cached read from its data", last)
              .isEqualTo(RetrievalState.READY);
        }
      }
    }

    String summary() {
      Map<String, Integer> outcomes = new LinkedHashMap<>();
      retrievals()
          .values()
          .forEach(list ->
              list.forEach(r ->
                  outcomes.merge(
                      r.state().wireName() + (r.reason() == null ? "" : "(" + r.reason() + ")"),
                      1,
                      Integer::sum)));
      long millis = wallNanos / 1_000_000;
      int retrievals = outcomes.values().stream().mapToInt(Integer::intValue).sum();
      return ("%d logins, %d retrievals %s, %d steps, %d Flinks calls (%d faults), %d crashes, %d ms wall"
              + " (%.0f retrievals/s)")
          .formatted(
              loginCount,
              retrievals,
              outcomes,
              steps,
              flinks.calls(),
              flinks.faults(),
              restarts,
              millis,
              retrievals * 1000.0 / Math.max(1, millis));
    }

    // ---- helpers
    // ----------------------------------------------------------------------------------------------

    private Optional<Instant> activeDeadline(String loginId) {
      return database
          .inTransaction(c -> engine.store().findActive(c, refs.get(loginId)))
          .map(r -> Transitions.deadlineOf(r, settings));
    }

    private String loginIdOf(long loginRef) {
      return refs.entrySet().stream()
          .filter(e -> e.getValue() == loginRef)
          .findFirst()
          .orElseThrow()
          .getKey();
    }

    private Map<String, List<Retrieval>> retrievals() {
      Map<String, List<Retrieval>> byLogin = new LinkedHashMap<>();
      database.inTransaction(c -> {
        for (Map.Entry<String, Long> login : refs.entrySet()) {
          byLogin.put(login.getKey(), history(c, login.getValue()));
        }
        return null;
      });
      return byLogin;
    }

    private List<Retrieval> history(Connection c, long loginRef) throws SQLException {
      List<Retrieval> history = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "select id from retrievals where login_id = ? order by created_at, id")) {
        ps.setLong(1, loginRef);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            history.add(engine.store().find(c, rs.getString(1)).orElseThrow());
          }
        }
      }
      return history;
    }

    private long transactionsOf(long loginRef) {
      return database.inTransaction(c -> {
        try (PreparedStatement ps =
            c.prepareStatement(
                "select count(*) from transactions t"
                    + " join accounts a on a.id = t.account_id where a.login_id = ?")) {
          ps.setLong(1, loginRef);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        }
      });
    }

    private static AccountsDetail payload(String loginId, int transactions) {
      Payloads payload = Payloads.forLogin(loginId);
      payload
          .account("acc-" + loginId, BigDecimal.TEN)
          .transactions("tx-" + loginId, transactions, LocalDate.of(2026, 11, 30));
      return payload.parse();
    }
  }

  private enum Kind {
    REQUEST,
    STEP,
    ANSWER,
    WEBHOOK,
    TICK
  }

  private record Event(Instant at, long sequence, Kind kind, String subject)
      implements Comparable<Event> {
    @Override
    public int compareTo(Event other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }
}
