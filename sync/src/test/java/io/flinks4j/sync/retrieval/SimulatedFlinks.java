package io.flinks4j.sync.retrieval;

import io.flinks4j.client.FlinksCode;
import io.flinks4j.client.error.FlinksApiException;
import io.flinks4j.client.error.FlinksException;
import io.flinks4j.client.error.FlinksTransportException;
import io.flinks4j.client.error.UnreadableResponseException;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.testkit.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A scripted Flinks for the simulation: each call's outcome is drawn from one seeded generator
 * (faults of every kind, latency, an outage window, expiring sessions, crashes of the calling
 * process before or after Flinks acted), and every call is checked against the rules a real Flinks
 * would hold the engine to. What it saw wrong is in {@link #violations()}.
 */
final class SimulatedFlinks implements FlinksGateway {

  static final String MFA_PROMPT = "What city were you born in?";
  static final String MFA_ANSWER = "Montreal";

  /** How one login behaves: 202s before its data, a disabled login, MFA on live sessions. */
  record Profile(int pendingPolls, boolean disabled, boolean mfa, AccountsDetail payload) {}

  /** The process running the engine dies here (the call may or may not have reached Flinks). */
  static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash() {
      super("simulated crash", null, false, false);
    }
  }

  private static final class OpenSession {
    final String loginId;
    int pendingLeft;
    boolean expired;
    boolean waitingForAnswers;
    boolean replaced;
    Instant lastDataCall;

    OpenSession(String loginId, int pendingLeft) {
      this.loginId = loginId;
      this.pendingLeft = pendingLeft;
    }
  }

  private final RandomGenerator random;
  private final MutableClock clock;
  private final Duration pollInterval;
  private final double faultRate;
  private final double crashRate;
  private final Instant outageStart;
  private final Instant outageEnd;
  private final Function<String, Optional<Instant>> activeDeadline;
  private final Map<String, Profile> profiles = new HashMap<>();
  private final Map<String, OpenSession> sessions = new HashMap<>();
  private final Map<String, String> latestSession = new HashMap<>();
  private final List<String> violations = new ArrayList<>();
  private int sessionCounter;
  private int calls;
  private int faults;
  private int crashes;

  /**
   * @param activeDeadline the deadline of a login's active retrieval, empty when it has none (then
   *     no call about it may arrive)
   */
  SimulatedFlinks(
      RandomGenerator random,
      MutableClock clock,
      Duration pollInterval,
      double faultRate,
      double crashRate,
      Instant outageStart,
      Duration outage,
      Function<String, Optional<Instant>> activeDeadline) {
    this.random = random;
    this.clock = clock;
    this.pollInterval = pollInterval;
    this.faultRate = faultRate;
    this.crashRate = crashRate;
    this.outageStart = outageStart;
    this.outageEnd = outageStart.plus(outage);
    this.activeDeadline = activeDeadline;
  }

  void add(String loginId, Profile profile) {
    profiles.put(loginId, profile);
  }

  Profile profile(String loginId) {
    return profiles.get(loginId);
  }

  /** The newest session Flinks opened for the login (what a webhook would name), if any. */
  Optional<String> latestSession(String loginId) {
    return Optional.ofNullable(latestSession.get(loginId));
  }

  List<String> violations() {
    return violations;
  }

  int calls() {
    return calls;
  }

  int faults() {
    return faults;
  }

  int crashes() {
    return crashes;
  }

  @Override
  public FlinksGateway.Session openSession(String loginId, RetrievalMode mode) {
    arrive("Authorize", loginId);
    Profile profile = profiles.get(loginId);
    if (profile.disabled()) {
      throw refusal("Authorize", 400, "DISABLED_LOGIN");
    }
    String requestId = "req-" + (++sessionCounter);
    Optional.ofNullable(latestSession.put(loginId, requestId))
        .map(sessions::get)
        .ifPresent(old -> old.replaced = true);
    OpenSession session = new OpenSession(loginId, profile.pendingPolls());
    sessions.put(requestId, session);
    boolean mfa = mode == RetrievalMode.LIVE && profile.mfa();
    session.waitingForAnswers = mfa;
    leave();
    return mfa
        ? new FlinksGateway.Session.Mfa(
            requestId, List.of(new MfaChallenge("QuestionAndAnswer", MFA_PROMPT)))
        : new FlinksGateway.Session.Authorized(requestId);
  }

  @Override
  public FlinksGateway.Session answerMfa(String requestId, Map<String, List<String>> answers) {
    OpenSession session = sessions.get(requestId);
    arrive("Authorize", session.loginId);
    if (!session.waitingForAnswers) {
      violations.add("answers sent to session " + requestId + ", which was not waiting for any");
    }
    if (session.expired) {
      throw refusal("Authorize", 400, "SESSION_EXPIRED");
    }
    if (!List.of(MFA_ANSWER).equals(answers.get(MFA_PROMPT))) {
      throw refusal("Authorize", 401, "INVALID_SECURITY_RESPONSE");
    }
    session.waitingForAnswers = false;
    leave();
    return new FlinksGateway.Session.Authorized(requestId);
  }

  @Override
  public Detail requestDetail(String requestId, DetailRequest request) {
    return dataCall("GetAccountsDetail", requestId);
  }

  @Override
  public Detail pollDetail(String requestId) {
    return dataCall("GetAccountsDetailAsync", requestId);
  }

  @Override
  public void deleteCard(String loginId) {
    throw new UnsupportedOperationException("not simulated");
  }

  @Override
  public URI relaunchUrl(String requestId) {
    return URI.create("https://connect.invalid/?requestId=" + requestId);
  }

  private Detail dataCall(String endpoint, String requestId) {
    OpenSession session = sessions.get(requestId);
    if (session == null) {
      violations.add(endpoint + " for a session Flinks never opened: " + requestId);
      throw refusal(endpoint, 400, "SESSION_NONEXISTENT");
    }
    Instant now = clock.instant();
    if (session.lastDataCall != null
        && Duration.between(session.lastDataCall, now).compareTo(pollInterval) < 0) {
      violations.add(
          endpoint
              + " of "
              + requestId
              + " "
              + Duration.between(session.lastDataCall, now)
              + " after the previous data call (interval "
              + pollInterval
              + ")");
    }
    if (session.replaced) {
      violations.add(
          endpoint + " on " + requestId + " after a newer session of the login was opened");
    }
    session.lastDataCall = now;
    arrive(endpoint, session.loginId);
    if (session.waitingForAnswers) {
      violations.add(
          endpoint + " on " + requestId + " before its security questions were answered");
    }
    if (!session.expired && random.nextDouble() < 0.02) {
      session.expired = true; // the RequestId idled out at Flinks
    }
    if (session.expired) {
      throw refusal(endpoint, 400, "SESSION_EXPIRED");
    }
    if (session.pendingLeft > 0) {
      session.pendingLeft--;
      leave();
      return new Detail.Pending();
    }
    leave();
    return new Detail.Ready(profiles.get(session.loginId).payload());
  }

  /**
   * A call reaches Flinks: rules checked, then latency, outage, crash before acting and faults
   * drawn.
   */
  private void arrive(String endpoint, String loginId) {
    calls++;
    Instant now = clock.instant();
    Optional<Instant> deadline = activeDeadline.apply(loginId);
    if (deadline.isEmpty()) {
      violations.add(endpoint + " about a login without an active retrieval at " + now);
    } else if (!now.isBefore(deadline.get())) {
      violations.add(
          endpoint + " at " + now + ", at or after the retrieval's deadline " + deadline.get());
    }
    if (random.nextDouble() < 0.08) {
      clock.advance(Duration.ofMillis(1500));
    }
    if (!now.isBefore(outageStart) && now.isBefore(outageEnd)) {
      faults++;
      throw refusal(endpoint, 503, null);
    }
    if (random.nextDouble() < crashRate / 2) {
      crashes++;
      throw new SimulatedCrash();
    }
    if (random.nextDouble() < faultRate) {
      faults++;
      throw fault(endpoint);
    }
  }

  /** Flinks acted; the calling process may still die before it hears the answer. */
  private void leave() {
    if (random.nextDouble() < crashRate / 2) {
      crashes++;
      throw new SimulatedCrash();
    }
  }

  private FlinksException fault(String endpoint) {
    double kind = random.nextDouble();
    if (kind < 0.4) {
      return refusal(endpoint, 503, null);
    }
    if (kind < 0.6) {
      Duration retryAfter = random.nextBoolean() ? Duration.ofSeconds(30) : null;
      return FlinksApiException.of(
          endpoint, 401, new FlinksCode("TOO_MANY_REQUESTS"), "slow down", null, retryAfter);
    }
    if (kind < 0.8) {
      return new FlinksTransportException(
          endpoint + " failed without a usable response (connection reset)", null);
    }
    if (kind < 0.9) {
      return new UnreadableResponseException(
          endpoint + " answered HTTP 200 with an unreadable body", 200, null, null);
    }
    return refusal(endpoint, 400, "RETRY_LATER");
  }

  private static FlinksApiException refusal(String endpoint, int status, String code) {
    return FlinksApiException.of(
        endpoint, status, code == null ? null : new FlinksCode(code), "simulated", null, null);
  }
}
