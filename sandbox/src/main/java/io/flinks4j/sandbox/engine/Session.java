package io.flinks4j.sandbox.engine;

import io.flinks4j.sandbox.data.DetailOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One /Authorize session, named by its RequestId. It starts either waiting for MFA answers or authorized;
 * once authorized its data is ready at {@link #readyAt()}. It dies after 8 minutes without activity before
 * data was first requested, or 30 minutes after data was first requested.
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
  private State state;
  private int mfaRound;
  private Instant lastActivity;
  private Instant processingStartedAt;
  private Instant readyAt;
  private int dataVersion;
  private int dataCalls;
  private DetailOptions detailOptions;
  private byte[] detailBody;
  private DetailOptions detailBodyOptions;

  Session(String requestId, Login login, boolean live, String tag, String authorizeToken, Instant now) {
    this.requestId = requestId;
    this.login = login;
    this.live = live;
    this.tag = tag;
    this.authorizeToken = authorizeToken;
    this.createdAt = now;
    this.lastActivity = now;
    this.state = State.MFA_PENDING;
    this.dataVersion = login.dataVersion();
  }

  public String requestId() {
    return requestId;
  }

  public Login login() {
    return login;
  }

  /** True when the session logged in to the bank (live login, refresh, Connect), false for cached reads. */
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

  public synchronized State state() {
    return state;
  }

  public synchronized int mfaRound() {
    return mfaRound;
  }

  /** The prompts the session is waiting answers for; empty once authorized. */
  public synchronized List<MfaQuestion> pendingChallenges() {
    return state == State.MFA_PENDING ? login.mfaRound(mfaRound) : List.of();
  }

  synchronized void nextMfaRound(Instant now) {
    mfaRound++;
    lastActivity = now;
  }

  synchronized void authorize(int version, Instant now, Duration processingDelay) {
    state = State.AUTHORIZED;
    dataVersion = version;
    lastActivity = now;
    readyAt = now.plus(processingDelay);
  }

  public synchronized int dataVersion() {
    return dataVersion;
  }

  /** When the aggregation behind this session completes; null before authorization. */
  public synchronized Instant readyAt() {
    return readyAt;
  }

  synchronized void touch(Instant now) {
    lastActivity = now;
  }

  synchronized boolean expired(Instant now, Duration idleTimeout, Duration processingTimeout) {
    if (processingStartedAt == null) {
      return now.isAfter(lastActivity.plus(idleTimeout));
    }
    return now.isAfter(processingStartedAt.plus(processingTimeout));
  }

  synchronized Instant lastActivity() {
    return lastActivity;
  }

  /** Counts a data call and returns how many there have been, this one included. */
  synchronized int recordDataCall(Instant now, DetailOptions optionsOrNull) {
    if (processingStartedAt == null) {
      processingStartedAt = now;
    }
    lastActivity = now;
    if (optionsOrNull != null) {
      detailOptions = optionsOrNull;
    }
    return ++dataCalls;
  }

  /** The options of the last /GetAccountsDetail call, which the Async endpoint answers with. */
  public synchronized DetailOptions detailOptions() {
    return detailOptions != null ? detailOptions : DetailOptions.DEFAULT;
  }

  /** The full 200 body built for {@code options}, or null; a poller gets the same bytes every time. */
  public synchronized byte[] cachedDetailBody(DetailOptions options) {
    return options.equals(detailBodyOptions) ? detailBody : null;
  }

  public synchronized void cacheDetailBody(DetailOptions options, byte[] body) {
    detailBodyOptions = options;
    detailBody = body;
  }

  synchronized void release() {
    detailBody = null;
    detailBodyOptions = null;
  }

  @Override
  public String toString() {
    return "Session[" + state + ", live=" + live + ", " + login + "]";
  }
}
