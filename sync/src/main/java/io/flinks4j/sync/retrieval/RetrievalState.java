package io.flinks4j.sync.retrieval;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a retrieval stands; persisted as its lower-case name so the database and the API read the
 * same words.
 */
public enum RetrievalState {
  /** Created, no Flinks call made yet. */
  REQUESTED,
  /** Opening a session ({@code /Authorize}) or answering its MFA. */
  AUTHORIZING,
  /** Session open; asking for the data and polling while Flinks answers 202. */
  PROCESSING,
  /** Data stored. */
  READY,
  /**
   * A live session asked security questions; waiting for answers (still holds the login's active
   * slot).
   */
  MFA_REQUIRED,
  /** Flinks answered a terminal error; the FlinksCode says which. */
  FAILED,
  /** Polling or the MFA wait ran past its deadline. */
  TIMED_OUT;

  /** A terminal retrieval no longer occupies its login's single active slot. */
  public boolean isTerminal() {
    return this == READY || this == FAILED || this == TIMED_OUT;
  }

  /** The persisted and wire form, e.g. {@code mfa_required}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static RetrievalState fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
