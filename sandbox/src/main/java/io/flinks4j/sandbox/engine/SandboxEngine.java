package io.flinks4j.sandbox.engine;

import io.flinks4j.sandbox.Behaviour;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.MfaType;
import io.flinks4j.sandbox.data.DetailOptions;
import io.flinks4j.sandbox.engine.AuthorizeOutcome.Authorized;
import io.flinks4j.sandbox.engine.AuthorizeOutcome.MfaRequired;
import io.flinks4j.sandbox.engine.AuthorizeOutcome.Refused;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The emulated Flinks back end: logins, authorize tokens, sessions and aggregation state,
 * independent of HTTP. The Flinks API routes and the Connect page both drive it, so a login made in
 * Connect can be read through the API and a session left at MFA by the API can be resumed in
 * Connect.
 */
public final class SandboxEngine {

  /** Lifetimes and delays; the defaults are the documented Flinks values. */
  public record Timing(
      Duration processingDelay,
      Duration tokenLifetime,
      Duration idleTimeout,
      Duration processingTimeout) {
    public static final Timing DEFAULT =
        new Timing(
            Duration.ofSeconds(3),
            Duration.ofMinutes(30),
            Duration.ofMinutes(8),
            Duration.ofMinutes(30));
  }

  /** The pre-seeded logins, test users first (see {@link TestUsers}). */
  public static final List<LoginSpec> TEST_USERS = TestUsers.ALL;

  private static final Duration SESSION_RETENTION = Duration.ofHours(6);
  private static final int PURGE_EVERY = 1024;

  private final Clock clock;
  private final Timing timing;
  private final AuthorizeTokens tokens;
  private final Map<String, Login> loginsById = new ConcurrentHashMap<>();
  private final Map<String, Login> loginsByName = new ConcurrentHashMap<>();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final List<Consumer<Session>> authorizedListeners = new CopyOnWriteArrayList<>();
  private final AtomicInteger sessionsSincePurge = new AtomicInteger();

  public SandboxEngine(Clock clock, Timing timing) {
    this.clock = clock;
    this.timing = timing;
    this.tokens = new AuthorizeTokens(clock, timing.tokenLifetime());
    seed();
  }

  public Clock clock() {
    return clock;
  }

  public Timing timing() {
    return timing;
  }

  public AuthorizeTokens tokens() {
    return tokens;
  }

  /**
   * Called whenever a session becomes authorized, e.g. to schedule the webhook for its aggregation.
   */
  public void onAuthorized(Consumer<Session> listener) {
    authorizedListeners.add(listener);
  }

  /** Back to the state at start: only the pre-seeded logins, no tokens, no sessions. */
  public synchronized void reset() {
    sessions.clear();
    tokens.clear();
    loginsById.clear();
    loginsByName.clear();
    seed();
  }

  private void seed() {
    TEST_USERS.forEach(this::createLogin);
  }

  // ---- logins
  // --------------------------------------------------------------------------------------

  /**
   * Creates a login; fails when the username is taken at that institution or the spec is invalid.
   */
  public synchronized Login createLogin(LoginSpec spec) {
    Institution institution =
        Institution.find(spec.institution())
            .orElseThrow(
                () -> new IllegalArgumentException("unknown institution " + spec.institution()));
    String id = spec.loginId() != null ? canonicalId(spec.loginId()) : UUID.randomUUID().toString();
    String nameKey = nameKey(institution, spec.username(), "en");
    if (loginsByName.containsKey(nameKey)) {
      throw new IllegalArgumentException(
          "username " + spec.username() + " already exists at " + institution.code());
    }
    if (loginsById.containsKey(id)) {
      throw new IllegalArgumentException("loginId already exists");
    }
    long seed = spec.seed() != null ? spec.seed() : seedOf(id);
    Login login =
        new Login(
            Login.Definition.builder()
                .id(id)
                .institution(institution)
                .username(spec.username())
                .password(spec.password())
                .language("en")
                .behaviour(spec.behaviour())
                .mfaQuestions(spec.mfa() ? MfaQuestion.of(spec.mfaType()) : List.of())
                .mfaRounds(mfaRounds(spec))
                .accounts(spec.accounts())
                .transactionsPerYear(spec.transactionsPerYear())
                .processingDelay(spec.processingDelay())
                .seed(seed)
                .build(),
            clock.instant());
    loginsById.put(id, login);
    loginsByName.put(nameKey, login);
    return login;
  }

  private static int mfaRounds(LoginSpec spec) {
    return spec.mfaType() == MfaType.QUESTION_AND_ANSWER
        ? spec.mfaRounds()
        : MfaQuestion.rounds(spec.mfaType());
  }

  public Optional<Login> login(String loginId) {
    return loginId == null
        ? Optional.empty()
        : Optional.ofNullable(loginsById.get(canonicalId(loginId)));
  }

  /** Every login: the test users first in documented order, then the others by username. */
  public List<Login> logins() {
    List<String> testUsers = TEST_USERS.stream().map(LoginSpec::username).toList();
    Comparator<Login> testUsersFirst =
        Comparator.comparingInt(l -> {
          int rank = testUsers.indexOf(l.username());
          return rank < 0 || !l.language().equals("en") ? Integer.MAX_VALUE : rank;
        });
    List<Login> all = new ArrayList<>(loginsById.values());
    all.sort(
        testUsersFirst
            .thenComparing(Login::username, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(Login::language));
    return all;
  }

  /**
   * Finds the login an institution username names in a language, minting a new loginId (the same
   * one each time) when a known username logs in for the first time in another language: Flinks
   * keys a loginId by institution, username and language.
   */
  public synchronized Optional<Login> findLogin(
      Institution institution, String username, String language) {
    if (username == null) {
      return Optional.empty();
    }
    String lang = language == null || language.isBlank() ? "en" : language.toLowerCase(Locale.ROOT);
    Login exact = loginsByName.get(nameKey(institution, username, lang));
    if (exact != null || lang.equals("en")) {
      return Optional.ofNullable(exact);
    }
    Login base = loginsByName.get(nameKey(institution, username, "en"));
    if (base == null) {
      return Optional.empty();
    }
    Login.Definition d = base.definition();
    String id =
        UUID.nameUUIDFromBytes((d.id() + "/" + lang).getBytes(StandardCharsets.UTF_8)).toString();
    Login variant =
        new Login(
            Login.Definition.builder()
                .id(id)
                .institution(d.institution())
                .username(d.username())
                .password(d.password())
                .language(lang)
                .behaviour(d.behaviour())
                .mfaQuestions(d.mfaQuestions())
                .mfaRounds(d.mfaRounds())
                .accounts(d.accounts())
                .transactionsPerYear(d.transactionsPerYear())
                .processingDelay(d.processingDelay())
                .seed(seedOf(id))
                .build(),
            clock.instant());
    loginsById.put(id, variant);
    loginsByName.put(nameKey(institution, username, lang), variant);
    return Optional.of(variant);
  }

  /**
   * Deletes a login and its sessions; refused with CARD_IN_USE while one of them is still
   * processing.
   */
  public synchronized Optional<FlinksCode> deleteLogin(String loginId) {
    Login login = login(loginId).orElse(null);
    if (login == null) {
      return Optional.of(FlinksCode.INVALID_LOGIN);
    }
    Instant now = clock.instant();
    for (Session s : sessions.values()) {
      if (s.login() == login && s.state() == Session.State.AUTHORIZED && s.readyAt().isAfter(now)) {
        return Optional.of(FlinksCode.CARD_IN_USE);
      }
    }
    sessions.values().removeIf(s -> s.login() == login);
    loginsById.remove(login.id());
    loginsByName.values().remove(login);
    return Optional.empty();
  }

  // ---- authorization
  // -------------------------------------------------------------------------------

  /**
   * /Authorize with a LoginId: cached read ({@code mostRecentCached}) or live refresh.
   *
   * @param authorizeToken the (already validated) token of the call, kept so the MFA answer may
   *     reuse it
   */
  public AuthorizeOutcome authorizeLogin(
      String loginId, boolean mostRecentCached, String tag, String authorizeToken) {
    Login login = login(loginId).orElse(null);
    if (login == null) {
      return new Refused(FlinksCode.INVALID_LOGIN);
    }
    if (login.behaviour().authorizeFailure() != null) {
      return new Refused(login.behaviour().authorizeFailure());
    }
    if (!mostRecentCached) {
      return live(login, tag, authorizeToken);
    }
    Session session = newSession(login, false, tag, authorizeToken);
    authorize(session, login.dataVersion());
    // A cached read repeats the outcome of the last live attempt; older data stays readable.
    return login.lastMfaFailed()
        ? new Refused(FlinksCode.QUESTION_NOT_FOUND, session)
        : new Authorized(session);
  }

  /**
   * /Authorize with institution credentials (legacy direct API, and the Connect credentials form).
   */
  public AuthorizeOutcome authorizeCredentials(
      String institutionCode,
      String username,
      String password,
      String language,
      String tag,
      String authorizeToken) {
    Institution institution = Institution.find(institutionCode).orElse(null);
    if (institution == null) {
      return new Refused(FlinksCode.INVALID_LOGIN);
    }
    Login login = findLogin(institution, username, language).orElse(null);
    if (login == null) {
      return new Refused(FlinksCode.INVALID_USERNAME);
    }
    if (!login.passwordMatches(password)) {
      return new Refused(FlinksCode.INVALID_PASSWORD);
    }
    if (login.behaviour().authorizeFailure() != null) {
      return new Refused(login.behaviour().authorizeFailure());
    }
    return live(login, tag, authorizeToken);
  }

  private AuthorizeOutcome live(Login login, String tag, String authorizeToken) {
    Session session = newSession(login, true, tag, authorizeToken);
    if (!login.mfa()) {
      completeLive(session);
      return new Authorized(session);
    }
    Map<String, String> saved = login.savedAnswers();
    if (saved.isEmpty()) {
      return new MfaRequired(session, session.pendingChallenges());
    }
    // Enhanced MFA: the bank's questions are answered from what was stored, without the user.
    for (MfaQuestion q : login.mfaQuestions()) {
      String answer = saved.get(q.prompt());
      if (answer == null) {
        login.markMfaFailed();
        return new Refused(FlinksCode.QUESTION_NOT_FOUND);
      }
      if (!q.accepts(answer)) {
        login.markMfaFailed();
        return new Refused(FlinksCode.INVALID_SECURITY_RESPONSE);
      }
    }
    completeLive(session);
    return new Authorized(session);
  }

  /**
   * Answers the pending security challenges of a session. Every prompt of the round must be
   * answered in one call, keyed by its exact text; values are lists of which any may be right.
   */
  public AuthorizeOutcome answerMfa(String requestId, Map<String, List<String>> responses) {
    return switch (session(requestId)) {
      case SessionLookup.Nonexistent n -> new Refused(FlinksCode.SESSION_NONEXISTENT);
      case SessionLookup.Expired e -> new Refused(FlinksCode.SESSION_EXPIRED);
      case SessionLookup.Alive(Session session) -> answer(session, responses);
    };
  }

  private AuthorizeOutcome answer(Session session, Map<String, List<String>> responses) {
    synchronized (session) {
      if (session.state() == Session.State.AUTHORIZED) {
        return new Refused(FlinksCode.ALREADY_AUTHORIZED, session);
      }
      List<MfaQuestion> asked = session.pendingChallenges();
      for (String key : responses.keySet()) {
        if (asked.stream().noneMatch(q -> q.keyedBy(key))) {
          session.touch(clock.instant());
          return new Refused(FlinksCode.UNKNOWN_CHALLENGE_KEY, session);
        }
      }
      if (asked.stream().anyMatch(q -> q.answerIn(responses) == null)) {
        session.touch(clock.instant());
        return new Refused(FlinksCode.SECURITYRESPONSES_INCOMPLETE, session);
      }
      for (MfaQuestion q : asked) {
        if (!q.accepts(q.answerIn(responses))) {
          session.touch(clock.instant());
          session.login().markMfaFailed();
          return new Refused(FlinksCode.INVALID_SECURITY_RESPONSE, session);
        }
      }
      session.nextMfaRound(clock.instant());
      List<MfaQuestion> next = session.pendingChallenges();
      if (!next.isEmpty()) {
        return new MfaRequired(session, next);
      }
      completeLive(session);
      return new Authorized(session);
    }
  }

  /**
   * Whether {@code token} may be presented again to answer MFA on this session (the [old] rule).
   */
  public boolean sessionOpenedWith(String requestId, String token) {
    return session(requestId) instanceof SessionLookup.Alive(Session s) && s.openedWith(token);
  }

  private void completeLive(Session session) {
    int version = session.login().refresh(clock.instant());
    authorize(session, version);
  }

  private void authorize(Session session, int version) {
    session.authorize(
        version, clock.instant(), session.login().processingDelay(timing.processingDelay()));
    authorizedListeners.forEach(l -> l.accept(session));
  }

  private Session newSession(Login login, boolean live, String tag, String token) {
    Session session =
        new Session(UUID.randomUUID().toString(), login, live, tag, token, clock.instant());
    sessions.put(session.requestId(), session);
    if (sessionsSincePurge.incrementAndGet() % PURGE_EVERY == 0) {
      purgeSessions();
    }
    return session;
  }

  private void purgeSessions() {
    Instant horizon = clock.instant().minus(SESSION_RETENTION);
    sessions.values().removeIf(s -> s.lastActivity().isBefore(horizon));
  }

  // ---- sessions and data
  // ---------------------------------------------------------------------------

  /** Looks a RequestId up without touching it. */
  public SessionLookup session(String requestId) {
    Session session =
        requestId == null ? null : sessions.get(requestId.trim().toLowerCase(Locale.ROOT));
    if (session == null) {
      return new SessionLookup.Nonexistent();
    }
    if (session.expired(clock.instant(), timing.idleTimeout(), timing.processingTimeout())) {
      return new SessionLookup.Expired();
    }
    return new SessionLookup.Alive(session);
  }

  public Collection<Session> sessions() {
    return List.copyOf(sessions.values());
  }

  /**
   * Records a data call on an authorized session and says what to answer: still pending,
   * dispatched, ready, or failed.
   */
  public DataState dataCall(Session session, DetailOptions optionsOrNull) {
    Instant now = clock.instant();
    int calls = session.recordDataCall(now, optionsOrNull);
    Behaviour behaviour = session.login().behaviour();
    boolean processed = !now.isBefore(session.readyAt());
    if (behaviour == Behaviour.DISPATCHED && calls == 1) {
      return new DataState.Dispatched();
    }
    if (behaviour == Behaviour.PENDING && calls == 1) {
      return new DataState.Pending();
    }
    if (!processed) {
      return new DataState.Pending();
    }
    if (behaviour.dataFailure() != null) {
      return new DataState.Failed(behaviour.dataFailure());
    }
    return new DataState.Ready();
  }

  // ---- helpers
  // -------------------------------------------------------------------------------------

  private static String nameKey(Institution institution, String username, String language) {
    return institution.code() + "/" + username.toLowerCase(Locale.ROOT) + "/" + language;
  }

  /** GUIDs are compared case-insensitively. */
  static String canonicalId(String id) {
    return id.trim().toLowerCase(Locale.ROOT);
  }

  private static long seedOf(String loginId) {
    try {
      UUID uuid = UUID.fromString(loginId);
      return uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
    } catch (IllegalArgumentException notAGuid) {
      return loginId.hashCode();
    }
  }
}
