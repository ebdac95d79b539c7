package io.flinks4j.sync.events;

/** The events the service sends to the lender's application. */
public enum EventType {
  /** A retrieval stored fresh data for the login. */
  LOGIN_READY("login.ready"),
  /** A live refresh needs the customer to answer security questions. */
  LOGIN_MFA_REQUIRED("login.mfa_required"),
  /** A retrieval failed or timed out. */
  LOGIN_FAILED("login.failed"),
  /** Stored transactions of the login were added, modified or removed: read the change feed. */
  TRANSACTIONS_UPDATED("transactions.updated");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code type} field of the event body. */
  public String wireName() {
    return wireName;
  }
}
