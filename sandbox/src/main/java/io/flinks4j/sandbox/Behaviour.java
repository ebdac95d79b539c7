package io.flinks4j.sandbox;

import io.flinks4j.sandbox.engine.FlinksCode;

/**
 * How the emulated bank treats a login, like the magic usernames of the Flinks toolbox: normal,
 * failing at login with a given FlinksCode, or slow in a particular way when data is requested.
 */
public enum Behaviour {
  /** Logs in and aggregates normally. */
  NORMAL(null, null),
  /** {@code test_disabled_account}: 401 DISABLED_LOGIN on every /Authorize. */
  DISABLED_LOGIN(FlinksCode.DISABLED_LOGIN, null),
  /** {@code test_service_unavailable}: 401 RETRY_LATER on every /Authorize. */
  RETRY_LATER(FlinksCode.RETRY_LATER, null),
  /** 401 NEW_ACCOUNT: the user must act in online banking first. */
  NEW_ACCOUNT(FlinksCode.NEW_ACCOUNT, null),
  /** 401 UNAUTHORIZED: the institution refused the login. */
  UNAUTHORIZED(FlinksCode.UNAUTHORIZED, null),
  /** 405 DISABLED_INSTITUTION. */
  DISABLED_INSTITUTION(FlinksCode.DISABLED_INSTITUTION, null),
  /** CONCURRENT_SESSION: another session holds the login. */
  CONCURRENT_SESSION(FlinksCode.CONCURRENT_SESSION, null),
  /**
   * {@code test_dispatched}: the first data call answers 202 OPERATION_DISPATCHED with partial
   * data.
   */
  DISPATCHED(null, null),
  /** {@code test_pending}: data calls answer 202 OPERATION_PENDING at least once, then 200. */
  PENDING(null, null),
  /** Data calls fail with NO_TRANSACTION once processing is over. */
  NO_TRANSACTION(null, FlinksCode.NO_TRANSACTION),
  /** Data calls fail with 500 AGGREGATION_ERROR once processing is over. */
  AGGREGATION_ERROR(null, FlinksCode.AGGREGATION_ERROR),
  /**
   * Each live refresh changes the description of one recent transaction per account and drops
   * another (pending purchases that posted or never did); {@link GroundTruth} lists them.
   */
  REVISES_TRANSACTIONS(null, null);

  private final FlinksCode authorizeFailure;
  private final FlinksCode dataFailure;

  Behaviour(FlinksCode authorizeFailure, FlinksCode dataFailure) {
    this.authorizeFailure = authorizeFailure;
    this.dataFailure = dataFailure;
  }

  /** The code every /Authorize of this login ends with, or null when login succeeds. */
  public FlinksCode authorizeFailure() {
    return authorizeFailure;
  }

  /** The code data endpoints answer once processing is over, or null when data is served. */
  public FlinksCode dataFailure() {
    return dataFailure;
  }
}
