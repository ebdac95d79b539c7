package io.flinks4j.sync.retrieval;

import io.flinks4j.client.FlinksCode;
import io.flinks4j.client.error.FlinksApiException;
import io.flinks4j.client.error.FlinksException;
import io.flinks4j.client.error.FlinksTransportException;
import io.flinks4j.client.error.PollTimeoutException;
import io.flinks4j.client.error.SanitizedCause;
import io.flinks4j.client.error.UnreadableResponseException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A failed Flinks call, classified once: what the engine does about it and the reason it records.
 * Transient failures are retried until the retrieval's deadline, a lost session opens a new one,
 * and only a permanent failure (the user must act, or the request is wrong) ends a retrieval early.
 */
sealed interface Failure {

  FailureReason reason();

  /**
   * The same call may succeed later: network, timeouts, 5xx, unreadable 2xx bodies, throttling,
   * RETRY_LATER.
   */
  record Transient(FailureReason reason, Optional<Duration> retryAfter) implements Failure {}

  /** The session is gone (expired RequestId): open a new one. */
  record SessionLost(FailureReason reason) implements Failure {}

  /**
   * Only the user or a change of ours can fix it (DISABLED_LOGIN, INVALID_LOGIN, a bad request,
   * ...).
   */
  record Permanent(FailureReason reason) implements Failure {}

  static Failure of(FlinksException e) {
    FailureReason reason = reasonOf(e);
    return switch (e) {
      case FlinksTransportException transport -> new Transient(reason, Optional.empty());
      case UnreadableResponseException unreadable -> new Transient(reason, Optional.empty());
      case PollTimeoutException timeout -> new SessionLost(reason);
      case FlinksApiException api ->
          switch (api.retryAdvice()) {
            case RETRY -> new Transient(reason, api.retryAfter());
            case NEW_SESSION -> new SessionLost(reason);
            case USER_ACTION, NONE -> new Permanent(reason);
          };
    };
  }

  private static FailureReason reasonOf(FlinksException e) {
    String message = e.getMessage();
    Optional<String> code = e.flinksCode().map(FlinksCode::value);
    if (code.isPresent()) {
      return FailureReason.flinks(code.get(), message);
    }
    return switch (e) {
      case FlinksTransportException transport ->
          FailureReason.category(
              isTimeout(transport) ? FailureReason.TIMEOUT : FailureReason.NETWORK, message);
      case UnreadableResponseException unreadable ->
          FailureReason.category(FailureReason.UNREADABLE_RESPONSE, message);
      default -> FailureReason.category(FailureReason.httpCategory(e.httpStatus()), message);
    };
  }

  private static boolean isTimeout(FlinksTransportException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String type = t instanceof SanitizedCause s ? s.originalType() : t.getClass().getName();
      if (type.endsWith("TimeoutException")) {
        return true;
      }
    }
    return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("timed out");
  }
}
