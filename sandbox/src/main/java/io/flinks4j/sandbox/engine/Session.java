package io.flinks4j.sandbox.engine;

import io.flinks4j.sandbox.data.DetailOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One /Authorize session, named by its RequestId. It starts either waiting for MFA answers or
 * authorized; once authorized its data is ready at {@link #readyAt()}. It dies after 8 minutes
 * without activity before data was first requested, or 30 minutes after data was first requested.
 */
public final class Session {

  /** Where the session stands. */
  public enum State {
    MFA_PENDING,
    AUTHORIZED
  }

  private final String requestId;
  private final Login login;
  private final boolean live;
  private final String tag;
  private final String authorizeToken;
  private final Instant createdAt;
  // Polled thousands of times a second by many clients at once: the read path takes no lock.
  private volatile State state = State.MFA_PENDING;
  private volatile int mfaRound;
  private volatile Instant lastActivity;
  private final AtomicReference<Instant> processingStartedAt = new AtomicReference<>();
  private volatile Instant readyAt;
  private volatile int dataVersion;
  private final AtomicInteger dataCalls = new AtomicInteger();
  private volatile DetailOptions detailOptions;

  Session(
      String requestId, Login login, boolean live, String tag, String authorizeToken, Instant now) {
    this.requestId = requestId;
    this.login = login;
    this.live = live;
    this.tag = tag;
    this.authorizeToken = authorizeToken;
    this.createdAt = now;
    this.lastActivity = now;
    this.dataVersion = login.dataVersion();
  }

  public String requestId() {
    return requestId;
  }

  public Login login() {
    return login;
  }

  /**
   * True when the session logged in to the bank (live login, refresh, Connect), false for cached
   * reads.
   */
  public boolean live() {
    return live;
  }

  public String tag() {
    return tag;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** The authorize token that opened the session; the MFA answer may present it again. */
  boolean openedWith(String token) {
    return authorizeToken != null && authorizeToken.equals(token);
  }

  public State state() {
    return state;
  }

  public int mfaRound() {
    return mfaRound;
  }

  /** The prompts the session is waiting answers for; empty once authorized. */
  public List<MfaQuestion> pendingChallenges() {
    return state == State.MFA_PENDING ? login.mfaRound(mfaRound) : List.of();
  }

  /** Moves to the next MFA round; callers hold the session's monitor (one answer at a time). */
  void nextMfaRound(Instant now) {
    mfaRound++;
    lastActivity = now;
  }

  void authorize(int version, Instant now, Duration processingDelay) {
    dataVersion = version;
    lastActivity = now;
    readyAt = now.plus(processingDelay);
    state = State.AUTHORIZED;
  }

  public int dataVersion() {
    return dataVersion;
  }

  /** When the aggregation behind this session completes; null before authorization. */
  public Instant readyAt() {
    return readyAt;
  }

  void touch(Instant now) {
    lastActivity = now;
  }

  boolean expired(Instant now, Duration idleTimeout, Duration processingTimeout) {
    Instant started = processingStartedAt.get();
    if (started == null) {
      return now.isAfter(lastActivity.plus(idleTimeout));
    }
    return now.isAfter(started.plus(processingTimeout));
  }

  Instant lastActivity() {
    return lastActivity;
  }

  /** Counts a data call and returns how many there have been, this one included. */
  int recordDataCall(Instant now, DetailOptions optionsOrNull) {
    processingStartedAt.compareAndSet(null, now);
    lastActivity = now;
    if (optionsOrNull != null) {
      detailOptions = optionsOrNull;
    }
    return dataCalls.incrementAndGet();
  }

  /** The options of the last /GetAccountsDetail call, which the Async endpoint answers with. */
  public DetailOptions detailOptions() {
    DetailOptions options = detailOptions;
    return options != null ? options : DetailOptions.DEFAULT;
  }

  @Override
  public String toString() {
    return "Session[" + state + ", live=" + live + ", " + login + "]";
  }
}
