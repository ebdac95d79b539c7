package io.flinks4j.sync.retrieval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.flinks4j.client.FlinksCode;
import io.flinks4j.client.error.FlinksException;
import io.flinks4j.client.error.RetryAdvice;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.sync.events.EventType;
import io.flinks4j.sync.events.OutboundEvents;
import io.flinks4j.sync.storage.Database;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives retrievals through their persisted state machine. Each db-scheduler execution makes one short step (at
 * most a couple of Flinks calls) and reschedules itself, so no thread waits out a poll interval and a restarted
 * process resumes every retrieval from its row. Every write is checked against the row's version or active slot,
 * so a webhook, an MFA answer and a poll racing each other cannot both win.
 */
public final class RetrievalEngine {

  /** db-scheduler task name; one instance per retrieval id. */
  public static final String TASK = "retrieval-advance";

  private static final Logger log = LoggerFactory.getLogger(RetrievalEngine.class);

  private final Database database;
  private final RetrievalStore store;
  private final RetrievalStorage storage;
  private final FlinksGateway flinks;
  private final OutboundEvents events;
  private final RetrievalSettings settings;
  private final RateLimiter rateLimiter;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final CustomTask<Void> task;
  private volatile SchedulerClient scheduler;

  public RetrievalEngine(
      Database database,
      RetrievalStorage storage,
      FlinksGateway flinks,
      OutboundEvents events,
      RetrievalSettings settings,
      RateLimiter rateLimiter,
      Clock clock,
      MeterRegistry metrics,
      ObjectMapper json) {
    this.database = database;
    this.store = new RetrievalStore(json);
    this.storage = storage;
    this.flinks = flinks;
    this.events = events;
    this.settings = settings;
    this.rateLimiter = rateLimiter;
    this.clock = clock;
    this.metrics = metrics;
    this.task = Tasks.custom(TASK, Void.class)
        .onDeadExecutionRevive()
        .onFailure(new FailureHandler.OnFailureRetryLater<>(settings.pollInterval()))
        .execute((instance, context) -> switch (advance(instance.getId())) {
          case Step.Done done -> new CompletionHandler.OnCompleteRemove<>();
          case Step.RunAt runAt -> (complete, operations) -> operations.reschedule(complete, runAt.at());
        });
  }

  RetrievalStore store() {
    return store;
  }

  /** The step task, to register with the scheduler. */
  public CustomTask<Void> task() {
    return task;
  }

  /** Connects to the running scheduler, which then runs the steps. */
  public void bind(SchedulerClient schedulerClient) {
    this.scheduler = schedulerClient;
  }

  // ---- commands -------------------------------------------------------------------------------------------------

  /**
   * Starts a retrieval for a stored login.
   *
   * @throws RetrievalConflictException when the login already has an active retrieval
   */
  public Retrieval request(long loginRef, RetrievalMode mode) {
    return database.inTransaction(c -> request(c, loginRef, mode));
  }

  /**
   * Starts a retrieval for each of {@code loginRefs} that has none active, all in one transaction (a scheduled
   * sweep of thousands of logins would otherwise spend most of its time waiting for a connection per login).
   * Should another request for one of them commit in between, each login is requested on its own instead.
   *
   * @return the retrievals started; logins with an active retrieval are skipped
   */
  public List<Retrieval> requestAll(Collection<Long> loginRefs, RetrievalMode mode) {
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
            created.add(requested(loginRef, mode, now));
          }
        }
        insertRequested(c, created, mode, now);
        return created;
      });
    } catch (RetrievalConflictException raced) {
      List<Retrieval> created = new ArrayList<>();
      for (long loginRef : distinct) {
        try {
          created.add(request(loginRef, mode));
        } catch (RetrievalConflictException busy) {
          log.debug("login {} busy, not requested", loginRef);
        }
      }
      return created;
    }
  }

  /**
   * A refresh asked for through the API: starts a retrieval, or restarts the one waiting for MFA answers with a new
   * session of {@code mode} (after the customer finished MFA in a relaunched Connect, Flinks documents a cached
   * read as the next step). Any other active retrieval refuses it.
   *
   * @throws RetrievalConflictException when the login has an active retrieval that is not waiting for MFA
   */
  public Retrieval refresh(long loginRef, RetrievalMode mode) {
    try {
      return request(loginRef, mode);
    } catch (RetrievalConflictException busy) {
      Retrieval waiting = database.inTransaction(c -> store.findActive(c, loginRef))
          .filter(r -> r.state() == RetrievalState.MFA_REQUIRED)
          .orElseThrow(() -> busy);
      Retrieval restarted = new Retrieval(waiting.id(), loginRef, mode, RetrievalState.REQUESTED, null, false, null,
          0, waiting.polls(), waiting.sessions(), List.of(), null, waiting.createdAt(), clock.instant(), null, null,
          waiting.version());
      if (!database.inTransaction(c -> store.update(c, restarted))) {
        throw busy;
      }
      kick(restarted.id());
      return next(restarted);
    }
  }

  /**
   * Inserts a requested retrieval and its first step on the caller's connection (e.g. together with the login it
   * belongs to): both commit or neither, and the scheduler picks the step within one polling interval.
   */
  public Retrieval request(Connection c, long loginRef, RetrievalMode mode) throws SQLException {
    Instant now = clock.instant();
    Retrieval r = requested(loginRef, mode, now);
    insertRequested(c, List.of(r), mode, now);
    return r;
  }

  /** Inserts new retrievals with their first steps, due {@code now}. */
  private void insertRequested(Connection c, List<Retrieval> created, RetrievalMode mode, Instant now)
      throws SQLException {
    store.insertAll(c, created);
    store.insertSteps(c, TASK, created.stream().map(Retrieval::id).toList(), now);
    metrics.counter("flinks4j.retrievals.requested", "mode", mode.wireName()).increment(created.size());
  }

  private static Retrieval requested(long loginRef, RetrievalMode mode, Instant now) {
    return new Retrieval(UUID.randomUUID().toString(), loginRef, mode, RetrievalState.REQUESTED, null, false, null, 0,
        0, 0, List.of(), null, now, now, null, null, 0);
  }

  /** Schedules the retrieval's next step now (best effort: the sweep catches what a crash loses). */
  private void kick(String retrievalId) {
    SchedulerClient client = scheduler;
    if (client != null) {
      Instant now = clock.instant();
      if (!client.scheduleIfNotExists(task.instance(retrievalId), now)) {
        try {
          client.reschedule(task.instance(retrievalId), now);
        } catch (TaskInstanceException busyOrGone) {
          // The step is running or was just picked or removed: that run reads the state we committed, or
          // reschedules itself within a poll interval, so the caller's change is not lost.
          log.debug("Retrieval step already running; it will pick up the change");
        }
      }
    }
  }

  /** Schedules a step for active retrievals that lost their task (a crash between commit and scheduling). */
  public int sweep() {
    if (scheduler == null) {
      return 0;
    }
    List<String> orphans = database.inTransaction(
        c -> store.activeWithoutTask(c, TASK, clock.instant().minusSeconds(5), 1000));
    orphans.forEach(this::kick);
    return orphans.size();
  }

  /**
   * {@code DELETE /DeleteCard} at Flinks, timed like every other call.
   *
   * @throws FlinksException as the client reports it (e.g. {@code CARD_IN_USE} while Flinks is processing)
   */
  public void deleteCard(String loginId) {
    timed("delete_card", () -> {
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
   * Continues a retrieval waiting in {@code mfa_required} with the customer's answers (prompt → answers).
   *
   * @return the retrieval after Flinks's answer: processing, mfa_required again (another round or a retryable
   *     error), or failed
   * @throws MfaNotPendingException when the login has no retrieval waiting for answers
   * @throws InvalidMfaAnswersException when the answers do not match the prompts exactly
   */
  public Retrieval answerMfa(long loginRef, Map<String, List<String>> answers) {
    Retrieval waiting = database.inTransaction(c -> store.findActive(c, loginRef))
        .filter(r -> r.state() == RetrievalState.MFA_REQUIRED)
        .orElseThrow(MfaNotPendingException::new);
    checkAnswers(waiting, answers);
    Instant now = clock.instant();
    Retrieval claimed = waiting.withState(RetrievalState.AUTHORIZING, now);
    if (!database.inTransaction(c -> store.update(c, claimed))) {
      throw new MfaNotPendingException();
    }
    Retrieval current = next(claimed);
    FlinksGateway.Session session;
    try {
      session = timed("answer_mfa", () -> flinks.answerMfa(current.requestId(), answers));
    } catch (FlinksException e) {
      String code = codeOf(e);
      countError(code);
      if (e.isRetryable()) {
        Retrieval back = current.withState(RetrievalState.MFA_REQUIRED, clock.instant()).withFailure(code,
            current.attempts() + 1);
        database.inTransaction(c -> store.update(c, back));
        return next(back);
      }
      return finish(current, RetrievalState.FAILED, code);
    }
    Retrieval after = onSession(current, session);
    kick(after.id());
    return after;
  }

  /**
   * Completes the retrieval that owns {@code requestId} (or the login's active one) with data that arrived in a
   * webhook; when there is none, records a webhook retrieval. Safe against a poll completing the same retrieval at
   * the same moment: exactly one of them marks it ready and writes the data.
   *
   * @return whether this call stored the data (false: it was already there)
   */
  public boolean completeFromWebhook(long loginRef, String requestId, AccountsDetail payload) {
    List<String> eventIds = new ArrayList<>();
    boolean stored = database.inTransaction(c -> {
      if (requestId != null) {
        Optional<Retrieval> known = store.findByRequestId(c, requestId);
        if (known.isPresent() && known.get().state() == RetrievalState.READY) {
          return false;
        }
      }
      Optional<Retrieval> target = requestId == null
          ? Optional.empty() : store.findActiveByRequestId(c, requestId);
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
        // Look again: a racing completion may have committed between the first check and the active lookups
        // (each statement sees the latest commits), and its data must not be stored a second time.
        if (requestId != null && store.findByRequestId(c, requestId)
            .filter(r -> r.state() == RetrievalState.READY).isPresent()) {
          return false;
        }
        retrievalId = UUID.randomUUID().toString();
        store.insert(c, new Retrieval(retrievalId, loginRef, RetrievalMode.WEBHOOK, RetrievalState.READY, requestId,
            true, null, 0, 0, 0, List.of(), null, now, now, null, now, 0));
      }
      storage.ingest(c, loginRef, retrievalId, payload);
      record(c, EventType.LOGIN_READY, loginRef, retrievalId, RetrievalState.READY, null, Map.of())
          .ifPresent(eventIds::add);
      return true;
    });
    if (stored) {
      metrics.counter("flinks4j.retrievals.completed", "state", "ready", "via", "webhook").increment();
    }
    events.dispatch(eventIds);
    return stored;
  }

  // ---- the step -------------------------------------------------------------------------------------------------

  /** What the scheduler does after a step. */
  sealed interface Step {
    /** Terminal (or gone): remove the task. */
    record Done() implements Step {}

    /** Run the next step at {@code at}. */
    record RunAt(Instant at) implements Step {}
  }

  /** Runs one step of the retrieval; package-visible for tests that drive the machine by hand. */
  Step advance(String id) {
    Optional<Retrieval> loaded = database.inTransaction(c -> store.find(c, id));
    if (loaded.isEmpty() || loaded.get().state().isTerminal()) {
      return new Step.Done();
    }
    Retrieval r = loaded.get();
    Instant now = clock.instant();
    if (r.deadlineAt() != null && !now.isBefore(r.deadlineAt())) {
      finish(r, RetrievalState.TIMED_OUT, r.flinksCode());
      return new Step.Done();
    }
    if (r.state() == RetrievalState.MFA_REQUIRED) {
      return later(now, settings.pollInterval(), r.deadlineAt());
    }
    if (r.state() == RetrievalState.AUTHORIZING && r.requestId() != null
        && now.isBefore(r.updatedAt().plus(settings.answerGrace()))) {
      return later(now, settings.pollInterval(), null); // an MFA answer is in flight in an API call
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
    }
  }

  private Step openSession(Retrieval r) {
    Retrieval authorizing = r.withState(RetrievalState.AUTHORIZING, clock.instant())
        .withSession(null, r.sessions() + 1)
        .withDeadline(null);
    Claim claim = database.inTransaction(c -> store.update(c, authorizing)
        ? new Claim(true, storage.loginId(c, authorizing.loginRef())) : new Claim(false, Optional.empty()));
    if (!claim.won()) {
      return new Step.RunAt(clock.instant());
    }
    if (claim.loginId().isEmpty()) {
      return new Step.Done(); // the login was deleted under us
    }
    Retrieval current = next(authorizing);
    FlinksGateway.Session session =
        timed("authorize", () -> flinks.openSession(claim.loginId().get(), current.mode()));
    if (session instanceof FlinksGateway.Session.Authorized authorized) {
      // The new session is written together with the first detail answer (one transaction instead of two). If that
      // call fails, the session is written first, so the retry reuses it; after a crash, a new one is opened.
      Retrieval processing = processing(current, authorized.requestId());
      FlinksGateway.Detail detail;
      try {
        detail = timed("get_accounts_detail", () -> flinks.requestDetail(processing.requestId()));
      } catch (FlinksException e) {
        database.inTransaction(c -> store.update(c, processing));
        throw e;
      }
      return onDetail(processing, detail);
    }
    Retrieval after = onSession(current, session); // MFA: wait for answers (or the deadline)
    return after.state() == RetrievalState.MFA_REQUIRED
        ? later(clock.instant(), settings.pollInterval(), after.deadlineAt())
        : new Step.RunAt(clock.instant()); // someone changed the row first: look again
  }

  /** Whether a step claimed its retrieval, and the login's decrypted id (empty: the login was deleted). */
  private record Claim(boolean won, Optional<String> loginId) {}

  /** {@code current} with the session {@code /Authorize} opened, not yet persisted. */
  private Retrieval processing(Retrieval current, String requestId) {
    Instant now = clock.instant();
    return current.withState(RetrievalState.PROCESSING, now)
        .withSession(requestId, current.sessions())
        .withMfa(List.of(), null)
        .withDeadline(now.plus(settings.pollTimeout()));
  }

  /** Persists what {@code /Authorize} answered: an open session, or MFA with a Connect relaunch URL. */
  private Retrieval onSession(Retrieval current, FlinksGateway.Session session) {
    Instant now = clock.instant();
    return switch (session) {
      case FlinksGateway.Session.Authorized authorized -> {
        Retrieval processing = processing(current, authorized.requestId());
        yield database.inTransaction(c -> store.update(c, processing)) ? next(processing) : current;
      }
      case FlinksGateway.Session.Mfa mfa -> {
        String relaunch = relaunchUrl(mfa.requestId());
        Retrieval waiting = current.withState(RetrievalState.MFA_REQUIRED, now)
            .withSession(mfa.requestId(), current.sessions())
            .withMfa(mfa.challenges(), relaunch)
            .withDeadline(now.plus(settings.mfaTimeout()));
        List<String> eventIds = new ArrayList<>();
        boolean saved = database.inTransaction(c -> {
          if (!store.update(c, waiting)) {
            return false;
          }
          Map<String, Object> extra = new LinkedHashMap<>();
          extra.put("challenges", mfa.challenges());
          extra.put("relaunchUrl", relaunch);
          record(c, EventType.LOGIN_MFA_REQUIRED, waiting.loginRef(), waiting.id(), waiting.state(), null, extra)
              .ifPresent(eventIds::add);
          return true;
        });
        events.dispatch(eventIds);
        if (!saved) {
          yield current;
        }
        metrics.counter("flinks4j.retrievals.mfa_required").increment();
        yield next(waiting);
      }
    };
  }

  private String relaunchUrl(String requestId) {
    try {
      return timed("relaunch_url", () -> flinks.relaunchUrl(requestId)).toString();
    } catch (FlinksException e) {
      // The API answers still work without it; the lender can ask for a new refresh to get another.
      log.warn("could not mint a token for the MFA relaunch URL ({})", codeOf(e));
      return null;
    }
  }

  private Step requestDetail(Retrieval r) {
    return onDetail(r, timed("get_accounts_detail", () -> flinks.requestDetail(r.requestId())));
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
      case FlinksGateway.Detail.Pending pending -> {
        Retrieval polled = r.withDetailRequested(r.detailRequested() ? r.polls() + 1 : r.polls());
        database.inTransaction(c -> store.update(c, polled));
        yield later(clock.instant(), settings.pollInterval(), r.deadlineAt());
      }
    };
  }

  private void complete(Retrieval r, AccountsDetail payload) {
    List<String> eventIds = new ArrayList<>();
    boolean stored = database.inTransaction(c -> {
      if (!store.markReady(c, r.id(), r.requestId(), clock.instant())) {
        return false; // a webhook got there first, or the login was deleted
      }
      storage.ingest(c, r.loginRef(), r.id(), payload);
      record(c, EventType.LOGIN_READY, r.loginRef(), r.id(), RetrievalState.READY, null, Map.of())
          .ifPresent(eventIds::add);
      return true;
    });
    if (stored) {
      metrics.counter("flinks4j.retrievals.completed", "state", "ready", "via", "poll").increment();
      metrics.timer("flinks4j.retrievals.time_to_data", "mode", r.mode().wireName())
          .record(Duration.between(r.createdAt(), clock.instant()));
    }
    events.dispatch(eventIds);
  }

  private Step onFailure(Retrieval r, FlinksException e) {
    String code = codeOf(e);
    countError(code);
    Retrieval current = database.inTransaction(c -> store.find(c, r.id())).orElse(r);
    if (current.state().isTerminal()) {
      return new Step.Done();
    }
    if (e.retryAdvice() == RetryAdvice.NEW_SESSION) {
      if (current.sessions() >= settings.maxSessions()) {
        finish(current, RetrievalState.FAILED, code);
        return new Step.Done();
      }
      log.info("retrieval {}: session expired ({}), opening a new one", current.id(), code);
      Retrieval restart = current.withState(RetrievalState.AUTHORIZING, clock.instant()).withSession(null,
          current.sessions()).withFailure(code, current.attempts());
      database.inTransaction(c -> store.update(c, restart));
      return new Step.RunAt(clock.instant());
    }
    int attempts = current.attempts() + 1;
    if (e.isRetryable() && attempts < settings.maxAttempts()) {
      Retrieval retry = current.withFailure(code, attempts);
      database.inTransaction(c -> store.update(c, retry));
      Duration delay = settings.retryBase().multipliedBy(1L << Math.min(attempts - 1, 10));
      // The client's messages are scrubbed of secrets; a transport failure has no FlinksCode, only its message.
      log.info("retrieval {}: retryable failure (attempt {}), retrying in {}: {}", current.id(), attempts, delay,
          e.getMessage());
      return new Step.RunAt(clock.instant().plus(delay));
    }
    finish(current, RetrievalState.FAILED, code);
    return new Step.Done();
  }

  /** Moves a retrieval to a terminal failure state and records {@code login.failed} in the same transaction. */
  private Retrieval finish(Retrieval r, RetrievalState state, String code) {
    Retrieval done = r.withState(state, clock.instant()).withFailure(code, r.attempts()).withMfa(List.of(), null);
    List<String> eventIds = new ArrayList<>();
    boolean saved = database.inTransaction(c -> {
      if (!store.update(c, done)) {
        return false;
      }
      record(c, EventType.LOGIN_FAILED, done.loginRef(), done.id(), state, code, Map.of())
          .ifPresent(eventIds::add);
      return true;
    });
    if (saved) {
      metrics.counter("flinks4j.retrievals.completed", "state", state.wireName(), "via", "poll").increment();
      log.info("retrieval {} ended {} ({})", r.id(), state.wireName(), code);
    }
    events.dispatch(eventIds);
    return saved ? next(done) : database.inTransaction(c -> store.find(c, r.id())).orElse(done);
  }

  // ---- helpers --------------------------------------------------------------------------------------------------

  /**
   * Records an event about a retrieval on the caller's connection (so it commits with the change it reports).
   *
   * @param code the FlinksCode, or null
   * @param mfa challenges and relaunch URL for {@code login.mfa_required}, else empty
   */
  private Optional<String> record(Connection c, EventType type, long loginRef, String retrievalId,
      RetrievalState state, String code, Map<String, Object> mfa) throws SQLException {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("loginId", storage.loginId(c, loginRef).orElse(null));
    data.put("retrievalId", retrievalId);
    data.put("state", state.wireName());
    if (code != null) {
      data.put("flinksCode", code);
    }
    data.putAll(mfa);
    return events.record(c, type, data);
  }

  private static void checkAnswers(Retrieval waiting, Map<String, List<String>> answers) {
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
  }

  private Step later(Instant now, Duration delay, Instant deadline) {
    Instant at = now.plus(delay);
    return new Step.RunAt(deadline != null && deadline.isBefore(at) ? deadline : at);
  }

  private static Retrieval next(Retrieval saved) {
    return new Retrieval(saved.id(), saved.loginRef(), saved.mode(), saved.state(), saved.requestId(),
        saved.detailRequested(), saved.flinksCode(), saved.attempts(), saved.polls(), saved.sessions(),
        saved.challenges(), saved.relaunchUrl(), saved.createdAt(), saved.updatedAt(), saved.deadlineAt(),
        saved.completedAt(), saved.version() + 1);
  }

  private <T> T timed(String call, Supplier<T> body) {
    Timer.Sample sample = Timer.start(metrics);
    try {
      return body.get();
    } finally {
      sample.stop(metrics.timer("flinks4j.flinks.calls", "call", call));
    }
  }

  private void countError(String code) {
    metrics.counter("flinks4j.flinks.errors", "code", code == null ? "none" : code).increment();
  }

  private static String codeOf(FlinksException e) {
    return e.flinksCode().map(FlinksCode::value).orElse(null);
  }
}
