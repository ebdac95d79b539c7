package io.flinks4j.sync.retrieval;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.client.error.FlinksException;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.sync.events.EventType;
import io.flinks4j.sync.events.OutboundEvents;
import io.flinks4j.sync.ingest.IngestResult;
import io.flinks4j.sync.storage.Database;
import io.flinks4j.sync.storage.ScheduledTasks;
import io.flinks4j.sync.storage.StorageException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives retrievals through their persisted state machine. Each step (run by a {@link
 * StepScheduler}) makes at most a couple of Flinks calls, asks {@link Transitions} what follows,
 * persists it and says when to run again, so no thread waits out a poll interval and a restarted
 * process resumes every retrieval from its row. Every write is checked against the row's version or
 * active slot, so a webhook, an MFA answer and a poll racing each other cannot both win.
 */
public final class RetrievalEngine {

  private static final Logger log = LoggerFactory.getLogger(RetrievalEngine.class);

  private final Database database;
  private final RetrievalStore store;
  private final RetrievalStorage storage;
  private final FlinksGateway flinks;
  private final OutboundEvents events;
  private final RetrievalSettings settings;
  private final RateLimiter rateLimiter;
  private final StepScheduler steps;
  private final Clock clock;
  private final RandomGenerator random;
  private final MeterRegistry metrics;

  /**
   * @param steps what runs each retrieval's steps (db-scheduler in the service)
   * @param random jitter of the retry backoff (seeded in simulations, so a run replays exactly)
   */
  public RetrievalEngine(
      Database database,
      RetrievalStorage storage,
      FlinksGateway flinks,
      OutboundEvents events,
      RetrievalSettings settings,
      RateLimiter rateLimiter,
      StepScheduler steps,
      Clock clock,
      RandomGenerator random,
      MeterRegistry metrics,
      ObjectMapper json) {
    this.database = database;
    this.store = new RetrievalStore(json, database.dialect());
    this.storage = storage;
    this.flinks = flinks;
    this.events = events;
    this.settings = settings;
    this.rateLimiter = rateLimiter;
    this.steps = steps;
    this.clock = clock;
    this.random = random;
    this.metrics = metrics;
  }

  RetrievalStore store() {
    return store;
  }

  // ---- commands
  // -------------------------------------------------------------------------------------------------

  /**
   * Starts a retrieval for a stored login.
   *
   * @throws RetrievalConflictException when the login already has an active retrieval
   */
  public Retrieval request(long loginRef, RetrievalMode mode) {
    return database.inTransaction(c -> request(c, loginRef, mode));
  }

  /**
   * Starts a retrieval for each of {@code loginRefs} that has none active, all in one transaction
   * (a scheduled sweep of thousands of logins would otherwise spend most of its time waiting for a
   * connection per login). Should another request for one of them commit in between, each login is
   * requested on its own instead.
   *
   * @return the retrievals started; logins with an active retrieval are skipped
   */
  public List<Retrieval> requestAll(Collection<Long> loginRefs, RetrievalMode mode) {
    return requestAll(loginRefs, mode, 0);
  }

  private List<Retrieval> requestAll(
      Collection<Long> loginRefs, RetrievalMode mode, int recoveryRound) {
    if (loginRefs.isEmpty()) {
      return List.of();
    }
    Set<Long> distinct = new LinkedHashSet<>(loginRefs);
    try {
      return database.inTransaction(c -> {
        Set<Long> busy = store.activeAmong(c, distinct);
        Instant now = clock.instant();
        List<Retrieval> created = new ArrayList<>();
        for (long loginRef : distinct) {
          if (!busy.contains(loginRef)) {
            created.add(requested(loginRef, mode, recoveryRound, now));
          }
        }
        insertRequested(c, created, mode, now);
        return created;
      });
    } catch (RetrievalConflictException raced) {
      List<Retrieval> created = new ArrayList<>();
      for (long loginRef : distinct) {
        try {
          created.add(
              database.inTransaction(c -> {
                Instant now = clock.instant();
                Retrieval r = requested(loginRef, mode, recoveryRound, now);
                insertRequested(c, List.of(r), mode, now);
                return r;
              }));
        } catch (RetrievalConflictException busy) {
          log.debug("login {} busy, not requested", loginRef);
        }
      }
      return created;
    }
  }

  /**
   * Starts a retrieval, of the same mode, for each login whose latest retrieval ran out of time on
   * transient failures (an outage at Flinks or on the way there) once its recovery delay has
   * passed: the n-th such ending in a row waits the n-th of {@link
   * RetrievalSettings#recoveryDelays()}; after the last, only the regular schedule tries again.
   *
   * @return the retrievals started
   */
  public List<Retrieval> recoverStalled(int limit) {
    List<Duration> delays = settings.recoveryDelays();
    if (delays.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    Duration shortest = delays.stream().min(Duration::compareTo).orElseThrow();
    List<RetrievalStore.Stalled> stalled =
        database.inTransaction(c -> store.stalled(c, now.minus(shortest), delays.size(), limit));
    Map<RetrievalMode, Map<Integer, List<Long>>> due = new LinkedHashMap<>();
    for (RetrievalStore.Stalled s : stalled) {
      if (!s.completedAt().plus(delays.get(s.recoveryRound())).isAfter(now)) {
        due.computeIfAbsent(s.mode(), m -> new LinkedHashMap<>())
            .computeIfAbsent(s.recoveryRound() + 1, r -> new ArrayList<>())
            .add(s.loginRef());
      }
    }
    List<Retrieval> started = new ArrayList<>();
    due.forEach((mode, byRound) ->
        byRound.forEach((round, refs) -> started.addAll(requestAll(refs, mode, round))));
    if (!started.isEmpty()) {
      log.info(
          "{} logins retried after their last retrieval ran out of time on transient failures",
          started.size());
      metrics.counter("flinks4j.retrievals.recoveries").increment(started.size());
    }
    return started;
  }

  /**
   * A refresh asked for through the API: starts a retrieval, or restarts the one waiting for MFA
   * answers with a new session of {@code mode} (after the customer finished MFA in a relaunched
   * Connect, Flinks documents a cached read as the next step). Any other active retrieval refuses
   * it.
   *
   * @throws RetrievalConflictException when the login has an active retrieval that is not waiting
   *     for MFA
   */
  public Retrieval refresh(long loginRef, RetrievalMode mode) {
    try {
      return request(loginRef, mode);
    } catch (RetrievalConflictException busy) {
      Retrieval waiting =
          database
              .inTransaction(c -> store.findActive(c, loginRef))
              .filter(r -> r.state() == RetrievalState.MFA_REQUIRED)
              .orElseThrow(() -> busy);
      Instant now = clock.instant();
      Retrieval restarted =
          waiting.toBuilder()
              .mode(mode)
              .state(RetrievalState.REQUESTED)
              .requestId(null)
              .detailRequested(false)
              .flinksCode(null)
              .reason(null)
              .reasonMessage(null)
              .attempts(0)
              .challenges(List.of())
              .updatedAt(now)
              .deadlineAt(now.plus(settings.pollTimeout()))
              .completedAt(null)
              .build();
      if (!database.inTransaction(c -> store.update(c, restarted))) {
        throw busy;
      }
      steps.runNow(restarted.id());
      return restarted.saved();
    }
  }

  /**
   * Inserts a requested retrieval and its first step on the caller's connection (e.g. together with
   * the login it belongs to): both commit or neither, and the scheduler picks the step within one
   * polling interval.
   */
  public Retrieval request(Connection c, long loginRef, RetrievalMode mode) throws SQLException {
    Instant now = clock.instant();
    Retrieval r = requested(loginRef, mode, 0, now);
    insertRequested(c, List.of(r), mode, now);
    return r;
  }

  /** Inserts new retrievals with their first steps, due {@code now}. */
  private void insertRequested(
      Connection c, List<Retrieval> created, RetrievalMode mode, Instant now) throws SQLException {
    store.insertAll(c, created);
    steps.scheduleFirst(c, created.stream().map(Retrieval::id).toList(), now);
    metrics
        .counter("flinks4j.retrievals.requested", "mode", mode.wireName())
        .increment(created.size());
  }

  private Retrieval requested(long loginRef, RetrievalMode mode, int recoveryRound, Instant now) {
    return Transitions.requested(
        UUID.randomUUID().toString(), loginRef, mode, recoveryRound, now, settings);
  }

  /**
   * Schedules a step for active retrievals that lost their task (a crash between commit and
   * scheduling).
   */
  public int sweep() {
    List<String> orphans =
        database.inTransaction(c ->
            steps.orphans(
                c, clock.instant().minus(ScheduledTasks.SWEEP_GRACE), ScheduledTasks.SWEEP_BATCH));
    orphans.forEach(steps::runNow);
    return orphans.size();
  }

  /**
   * {@code DELETE /DeleteCard} at Flinks, timed like every other call.
   *
   * @throws FlinksException as the client reports it (e.g. {@code CARD_IN_USE} while Flinks is
   *     processing)
   */
  public void deleteCard(String loginId) {
    timed(
        "delete_card",
        () -> {
          flinks.deleteCard(loginId);
          return null;
        });
  }

  /** The login's active retrieval, else its latest one. */
  public Optional<Retrieval> current(long loginRef) {
    return database.inTransaction(c -> current(c, loginRef));
  }

  /** The login's active retrieval, else its latest one, on the caller's connection. */
  public Optional<Retrieval> current(Connection c, long loginRef) throws SQLException {
    return Optional.ofNullable(store.currentOf(c, List.of(loginRef)).get(loginRef));
  }

  /**
   * Continues a retrieval waiting in {@code mfa_required} with the customer's answers (prompt →
   * answers).
   *
   * @return the retrieval after Flinks's answer: processing, mfa_required again (another round, or
   *     a transient failure: the answers can be sent again), authorizing (the session was lost: a
   *     new one asks again), or failed
   * @throws MfaNotPendingException when the login has no retrieval waiting for answers
   * @throws InvalidMfaAnswersException when the answers do not match the prompts exactly
   */
  public Retrieval answerMfa(long loginRef, Map<String, List<String>> answers) {
    Retrieval waiting =
        database
            .inTransaction(c -> store.findActive(c, loginRef))
            .filter(r -> r.state() == RetrievalState.MFA_REQUIRED)
            .orElseThrow(MfaNotPendingException::new);
    Map<String, List<String>> checked = checkAnswers(waiting, answers);
    Retrieval claimed = Transitions.answering(waiting, clock.instant(), settings);
    if (!database.inTransaction(c -> store.update(c, claimed))) {
      throw new MfaNotPendingException();
    }
    Retrieval current = claimed.saved();
    FlinksGateway.Session session;
    try {
      session = timed("answer_mfa", () -> flinks.answerMfa(current.requestId(), checked));
    } catch (FlinksException e) {
      Failure failure = countFailure(e);
      if (failure instanceof Failure.Transient) {
        Retrieval back =
            current
                .withState(RetrievalState.MFA_REQUIRED, clock.instant())
                .withFailure(failure.reason(), current.attempts() + 1)
                .withDeadline(waiting.deadlineAt());
        database.inTransaction(c -> store.update(c, back));
        return back.saved();
      }
      Transitions.Next next =
          Transitions.failed(current, failure, clock.instant(), settings, random);
      apply(next);
      steps.runNow(current.id());
      return database.inTransaction(c -> store.find(c, current.id())).orElse(next.retrieval());
    }
    Retrieval after = onSession(current, session);
    steps.runNow(after.id());
    return after;
  }

  /**
   * Completes the retrieval that owns {@code requestId} (or the login's active one) with data that
   * arrived in a webhook; when there is none, records a webhook retrieval. Safe against a poll
   * completing the same retrieval at the same moment: exactly one of them marks it ready and writes
   * the data.
   *
   * @return whether this call stored the data (false: it was already there)
   */
  public boolean completeFromWebhook(long loginRef, String requestId, AccountsDetail payload) {
    List<String> eventIds = new ArrayList<>();
    boolean stored =
        database.inTransaction(c -> {
          if (requestId != null) {
            Optional<Retrieval> known = store.findByRequestId(c, requestId);
            if (known.isPresent() && known.get().state() == RetrievalState.READY) {
              return false;
            }
          }
          Optional<Retrieval> target =
              requestId == null ? Optional.empty() : store.findActiveByRequestId(c, requestId);
          if (target.isEmpty()) {
            target = store.findActive(c, loginRef);
          }
          Instant now = clock.instant();
          String retrievalId;
          if (target.isPresent()) {
            if (!store.markReady(c, target.get().id(), requestId, now)) {
              return false;
            }
            retrievalId = target.get().id();
          } else {
            // Look again: a racing completion may have committed between the first check and the
            // active lookups
            // (each statement sees the latest commits), and its data must not be stored a second
            // time.
            if (requestId != null
                && store
                    .findByRequestId(c, requestId)
                    .filter(r -> r.state() == RetrievalState.READY)
                    .isPresent()) {
              return false;
            }
            retrievalId = UUID.randomUUID().toString();
            store.insert(
                c,
                Retrieval.builder(retrievalId, loginRef, RetrievalMode.WEBHOOK, now)
                    .state(RetrievalState.READY)
                    .requestId(requestId)
                    .detailRequested(true)
                    .completedAt(now)
                    .build());
          }
          IngestResult ingested = storage.ingest(c, loginRef, retrievalId, payload);
          record(c, EventType.LOGIN_READY, loginRef, retrievalId, RetrievalState.READY, Map.of())
              .ifPresent(eventIds::add);
          recordTransactionsUpdated(c, loginRef, retrievalId, ingested).ifPresent(eventIds::add);
          return true;
        });
    if (stored) {
      countCompleted(RetrievalState.READY, "webhook", null);
    }
    events.dispatch(eventIds);
    return stored;
  }

  // ---- the step
  // -------------------------------------------------------------------------------------------------

  /** What the scheduler does after a step. */
  public sealed interface Step {
    /** Terminal (or gone): remove the task. */
    record Done() implements Step {}

    /**
     * Run the next step at {@code at}; {@code polling}: the step left the retrieval with its
     * session open, so what follows are polls, which run before the first steps of new retrievals
     * (false: as before).
     */
    record RunAt(Instant at, boolean polling) implements Step {
      RunAt(Instant at) {
        this(at, false);
      }
    }
  }

  /** Runs one step of the retrieval. */
  public Step advance(String id) {
    Optional<Retrieval> loaded = database.autoCommitted(c -> store.find(c, id));
    if (loaded.isEmpty() || loaded.get().state().isTerminal()) {
      return new Step.Done();
    }
    Retrieval r = loaded.get();
    Instant now = clock.instant();
    Optional<Retrieval> expired = Transitions.expired(r, now, settings);
    if (expired.isPresent()) {
      finish(expired.get());
      return new Step.Done();
    }
    Instant deadline = Transitions.deadlineOf(r, settings);
    if (r.state() == RetrievalState.MFA_REQUIRED) {
      return new Step.RunAt(
          deadline); // answers and refreshes run the step at once; else it expires then
    }
    if (r.state() == RetrievalState.AUTHORIZING
        && r.requestId() != null
        && now.isBefore(r.updatedAt().plus(settings.answerGrace()))) {
      return new Step.RunAt(
          earliest(now.plus(settings.polls().interval()), deadline)); // an MFA answer is in flight
    }
    // Opening a session costs a token, /Authorize and the first detail call; a poll is one call.
    Duration wait = rateLimiter.tryAcquire(r.state() == RetrievalState.PROCESSING ? 1 : 3);
    if (!wait.isZero()) {
      return new Step.RunAt(now.plus(wait));
    }
    try {
      return switch (r.state()) {
        case REQUESTED, AUTHORIZING -> openSession(r);
        case PROCESSING -> r.detailRequested() ? poll(r) : requestDetail(r);
        default -> new Step.Done();
      };
    } catch (FlinksException e) {
      return onFailure(r, e);
    } catch (StorageException e) {
      return onStorageFailure(r, e);
    }
  }

  private Step openSession(Retrieval r) {
    Retrieval authorizing =
        r.withState(RetrievalState.AUTHORIZING, clock.instant())
            .withSession(null, r.sessions() + 1);
    // The claim also reads what the first detail call will ask for: one transaction, not two.
    Claim claim =
        database.inTransaction(c ->
            store.update(c, authorizing)
                ? new Claim(
                    true,
                    storage.loginId(c, authorizing.loginRef()),
                    detailRequest(c, authorizing.loginRef()))
                : new Claim(false, Optional.empty(), null));
    if (!claim.won()) {
      return new Step.RunAt(clock.instant());
    }
    if (claim.loginId().isEmpty()) {
      return new Step.Done(); // the login was deleted under us
    }
    Retrieval current = authorizing.saved();
    FlinksGateway.Session session =
        timed("authorize", () -> flinks.openSession(claim.loginId().get(), current.mode()));
    if (session instanceof FlinksGateway.Session.Authorized authorized) {
      // The new session is written together with the first detail answer (one transaction instead
      // of two). If that
      // call fails, the session is written first, so the retry reuses it; after a crash, a new one
      // is opened.
      Retrieval processing =
          Transitions.authorized(current, authorized.requestId(), clock.instant());
      if (!clock.instant().isBefore(Transitions.deadlineOf(processing, settings))) {
        return apply(
            new Transitions.Next.Continue(
                processing, clock.instant())); // /Authorize took us past it
      }
      FlinksGateway.Detail detail;
      try {
        FlinksGateway.DetailRequest request = claim.detail();
        detail =
            timed(
                "get_accounts_detail", () -> flinks.requestDetail(processing.requestId(), request));
      } catch (FlinksException e) {
        database.inTransaction(c -> store.update(c, processing));
        throw e;
      }
      return onDetail(processing, detail);
    }
    Retrieval after = onSession(current, session); // MFA: wait for answers (or the deadline)
    return after.state() == RetrievalState.MFA_REQUIRED
        ? new Step.RunAt(Transitions.deadlineOf(after, settings))
        : new Step.RunAt(clock.instant()); // someone changed the row first: look again
  }

  /**
   * Whether a step claimed its retrieval, the login's decrypted id (empty: the login was deleted)
   * and what its first detail call asks for (null when not won).
   */
  private record Claim(boolean won, Optional<String> loginId, FlinksGateway.DetailRequest detail) {}

  /**
   * Persists what {@code /Authorize} answered: an open session, or MFA with a Connect relaunch URL.
   */
  private Retrieval onSession(Retrieval current, FlinksGateway.Session session) {
    Instant now = clock.instant();
    return switch (session) {
      case FlinksGateway.Session.Authorized authorized -> {
        Retrieval processing = Transitions.authorized(current, authorized.requestId(), now);
        yield database.inTransaction(c -> store.update(c, processing))
            ? processing.saved()
            : current;
      }
      case FlinksGateway.Session.Mfa mfa -> {
        Retrieval waiting =
            Transitions.mfaRequired(current, mfa.requestId(), mfa.challenges(), now, settings);
        List<String> eventIds = new ArrayList<>();
        boolean saved =
            database.inTransaction(c -> {
              if (!store.update(c, waiting)) {
                return false;
              }
              Map<String, Object> extra = new LinkedHashMap<>();
              extra.put(
                  "challenges",
                  mfa.challenges()); // relaunchUrl: added when sent, with a fresh token
              record(c, EventType.LOGIN_MFA_REQUIRED, waiting, extra).ifPresent(eventIds::add);
              return true;
            });
        events.dispatch(eventIds);
        if (!saved) {
          yield current;
        }
        metrics.counter("flinks4j.retrievals.mfa_required").increment();
        yield waiting.saved();
      }
    };
  }

  /**
   * A Flinks Connect URL to finish the MFA of {@code r} in the iframe, with an authorize token
   * minted now: the token is single-use and a bearer credential, so it is never stored, only handed
   * to whoever reads or is sent the URL. Empty when {@code r} is not waiting for MFA, or the token
   * cannot be had (the answers API still works).
   */
  public Optional<String> relaunchUrl(Retrieval r) {
    if (r.state() != RetrievalState.MFA_REQUIRED || r.requestId() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(timed("relaunch_url", () -> flinks.relaunchUrl(r.requestId())).toString());
    } catch (FlinksException e) {
      log.warn(
          "could not mint a token for the MFA relaunch URL ({})", Failure.of(e).reason().code());
      return Optional.empty();
    }
  }

  /** {@link #relaunchUrl(Retrieval)} of retrieval {@code retrievalId}, as it is now. */
  public Optional<String> relaunchUrl(String retrievalId) {
    return database.inTransaction(c -> store.find(c, retrievalId)).flatMap(this::relaunchUrl);
  }

  private Step requestDetail(Retrieval r) {
    FlinksGateway.DetailRequest request = detailRequest(r);
    return onDetail(
        r, timed("get_accounts_detail", () -> flinks.requestDetail(r.requestId(), request)));
  }

  private Step poll(Retrieval r) {
    metrics.counter("flinks4j.polls").increment();
    return onDetail(r, timed("get_accounts_detail_async", () -> flinks.pollDetail(r.requestId())));
  }

  private Step onDetail(Retrieval r, FlinksGateway.Detail detail) {
    return switch (detail) {
      case FlinksGateway.Detail.Ready ready -> {
        complete(r, ready.payload());
        yield new Step.Done();
      }
      case FlinksGateway.Detail.Pending pending ->
          apply(Transitions.pending(r, clock.instant(), settings, random));
    };
  }

  private void complete(Retrieval r, AccountsDetail payload) {
    List<String> eventIds = new ArrayList<>();
    boolean stored =
        database.inTransaction(c -> {
          if (!store.markReady(c, r.id(), r.requestId(), clock.instant())) {
            return false; // a webhook got there first, or the login was deleted
          }
          IngestResult ingested = storage.ingest(c, r.loginRef(), r.id(), payload);
          record(c, EventType.LOGIN_READY, r.loginRef(), r.id(), RetrievalState.READY, Map.of())
              .ifPresent(eventIds::add);
          recordTransactionsUpdated(c, r.loginRef(), r.id(), ingested).ifPresent(eventIds::add);
          return true;
        });
    if (stored) {
      countCompleted(RetrievalState.READY, "poll", null);
      metrics
          .timer("flinks4j.retrievals.time_to_data", "mode", r.mode().wireName())
          .record(Duration.between(r.createdAt(), clock.instant()));
    }
    events.dispatch(eventIds);
  }

  private Step onFailure(Retrieval r, FlinksException e) {
    Failure failure = countFailure(e);
    Retrieval current = database.inTransaction(c -> store.find(c, r.id())).orElse(r);
    if (current.state().isTerminal()) {
      return new Step.Done();
    }
    Transitions.Next next = Transitions.failed(current, failure, clock.instant(), settings, random);
    if (next instanceof Transitions.Next.Continue retry) {
      metrics.counter("flinks4j.retrievals.retries", "reason", failure.reason().code()).increment();
      // The client's messages are scrubbed of secrets.
      log.info(
          "retrieval {}: {} failure {} (attempt {}), next step at {}: {}",
          current.id(),
          failure instanceof Failure.SessionLost ? "session" : "transient",
          failure.reason().code(),
          retry.retrieval().attempts(),
          retry.at(),
          failure.reason().message());
    }
    return apply(next);
  }

  /**
   * The database refused a write of the step (e.g. a payload it cannot store, or a failover):
   * retried like a transient Flinks failure until the deadline, with the SQLState as its reason. If
   * even that cannot be written, the scheduler runs the step again later.
   */
  private Step onStorageFailure(Retrieval r, StorageException e) {
    FailureReason reason =
        FailureReason.category(
            FailureReason.STORAGE,
            "the database refused the step's write (SQLState " + e.sqlState() + ")");
    log.warn(
        "retrieval {}: {}",
        r.id(),
        reason.message()); // never the driver's message: it may quote bank data
    Retrieval current = database.inTransaction(c -> store.find(c, r.id())).orElse(r);
    if (current.state().isTerminal()) {
      return new Step.Done();
    }
    metrics.counter("flinks4j.retrievals.retries", "reason", reason.code()).increment();
    return apply(
        Transitions.failed(
            current,
            new Failure.Transient(reason, Optional.empty()),
            clock.instant(),
            settings,
            random));
  }

  /**
   * Persists a decision: a continuing retrieval is stepped again at its time, an ending one is
   * reported.
   */
  private Step apply(Transitions.Next next) {
    return switch (next) {
      case Transitions.Next.Continue go ->
          // one statement (the step is recorded by the same statement): atomic without a
          // transaction
          database.autoCommitted(c -> store.update(c, go.retrieval()))
              ? new Step.RunAt(go.at(), go.retrieval().state() == RetrievalState.PROCESSING)
              : new Step.RunAt(clock.instant()); // someone changed the row first: look again
      case Transitions.Next.End end -> {
        finish(end.retrieval());
        yield new Step.Done();
      }
    };
  }

  /** Writes a terminal failure state and records {@code login.failed} in the same transaction. */
  private void finish(Retrieval done) {
    List<String> eventIds = new ArrayList<>();
    boolean saved =
        database.inTransaction(c -> {
          if (!store.update(c, done)) {
            return false;
          }
          record(c, EventType.LOGIN_FAILED, done, Map.of()).ifPresent(eventIds::add);
          return true;
        });
    if (saved) {
      countCompleted(done.state(), "poll", done.reason());
      log.info(
          "retrieval {} ended {} ({}: {})",
          done.id(),
          done.state().wireName(),
          done.reason(),
          done.reasonMessage());
    }
    events.dispatch(eventIds);
  }

  // ---- helpers
  // --------------------------------------------------------------------------------------------------

  /**
   * Records an event about {@code r} (with its reason when it has one) on the caller's connection.
   */
  private Optional<String> record(
      Connection c, EventType type, Retrieval r, Map<String, Object> extra) throws SQLException {
    if (!events.enabled()) {
      return Optional.empty(); // no event: spare the login's lookup and decryption
    }
    Map<String, Object> data = eventData(c, r.loginRef(), r.id(), r.state());
    if (r.state() != RetrievalState.READY && r.reason() != null && r.state().isTerminal()) {
      data.put("reason", r.reason());
      data.put("message", r.reasonMessage());
      if (r.flinksCode() != null) {
        data.put("flinksCode", r.flinksCode());
      }
    }
    data.putAll(extra);
    return events.record(c, type, r.loginRef(), data);
  }

  /**
   * Records an event about a retrieval on the caller's connection (so it commits with the change it
   * reports).
   */
  private Optional<String> record(
      Connection c,
      EventType type,
      long loginRef,
      String retrievalId,
      RetrievalState state,
      Map<String, Object> extra)
      throws SQLException {
    if (!events.enabled()) {
      return Optional.empty();
    }
    Map<String, Object> data = eventData(c, loginRef, retrievalId, state);
    data.putAll(extra);
    return events.record(c, type, loginRef, data);
  }

  private FlinksGateway.DetailRequest detailRequest(Retrieval r) {
    return database.inTransaction(c -> detailRequest(c, r.loginRef()));
  }

  /** The login's options, and whether this is its first retrieval with data. */
  private FlinksGateway.DetailRequest detailRequest(Connection c, long loginRef)
      throws SQLException {
    return new FlinksGateway.DetailRequest(
        storage.options(c, loginRef), !store.anyReady(c, loginRef));
  }

  /** {@code transactions.updated} with the counts, when the payload changed any transaction. */
  private Optional<String> recordTransactionsUpdated(
      Connection c, long loginRef, String retrievalId, IngestResult ingested) throws SQLException {
    if (!ingested.transactionsChanged() || !events.enabled()) {
      return Optional.empty();
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("loginId", storage.loginId(c, loginRef).orElse(null));
    data.put("retrievalId", retrievalId);
    data.put("added", ingested.newTransactions());
    data.put("modified", ingested.modifiedTransactions());
    data.put("removed", ingested.removedTransactions());
    return events.record(c, EventType.TRANSACTIONS_UPDATED, loginRef, data);
  }

  private Map<String, Object> eventData(
      Connection c, long loginRef, String retrievalId, RetrievalState state) throws SQLException {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("loginId", storage.loginId(c, loginRef).orElse(null));
    data.put("retrievalId", retrievalId);
    data.put("state", state.wireName());
    return data;
  }

  /**
   * The answers to send, choices spelled as offered; fails when they would not match what Flinks
   * asked.
   */
  private static Map<String, List<String>> checkAnswers(
      Retrieval waiting, Map<String, List<String>> answers) {
    Set<String> prompts = new TreeSet<>();
    waiting.challenges().forEach(challenge -> prompts.add(challenge.prompt()));
    Set<String> missing = new TreeSet<>(prompts);
    missing.removeAll(answers.keySet());
    Set<String> unknown = new TreeSet<>(answers.keySet());
    unknown.removeAll(prompts);
    boolean empty = answers.values().stream().anyMatch(v -> v == null || v.isEmpty());
    if (!missing.isEmpty() || !unknown.isEmpty() || empty) {
      throw new InvalidMfaAnswersException(missing, unknown);
    }
    Map<String, List<String>> checked = new LinkedHashMap<>();
    for (MfaChallenge challenge : waiting.challenges()) {
      checked.put(
          challenge.prompt(),
          challenge
              .canonical(answers.get(challenge.prompt()))
              .orElseThrow(() -> InvalidMfaAnswersException.notAChoice(challenge.prompt())));
    }
    return checked;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private <T> T timed(String call, Supplier<T> body) {
    Timer.Sample sample = Timer.start(metrics);
    try {
      return body.get();
    } finally {
      sample.stop(metrics.timer("flinks4j.flinks.calls", "call", call));
    }
  }

  /** Classifies a failed call and counts it by reason. */
  private Failure countFailure(FlinksException e) {
    Failure failure = Failure.of(e);
    metrics.counter("flinks4j.flinks.errors", "code", failure.reason().code()).increment();
    return failure;
  }

  private void countCompleted(RetrievalState state, String via, String reason) {
    metrics
        .counter(
            "flinks4j.retrievals.completed",
            "state",
            state.wireName(),
            "via",
            via,
            "reason",
            reason == null ? "none" : reason)
        .increment();
  }
}
