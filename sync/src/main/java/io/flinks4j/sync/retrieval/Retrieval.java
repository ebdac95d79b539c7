package io.flinks4j.sync.retrieval;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One persisted attempt to get a login's data, as the engine and the API see it. Built and changed
 * by name only ({@link #builder}, {@link #toBuilder}, the withers), so a field added cannot be
 * swapped with its neighbour.
 *
 * @param id retrieval id (a UUID string)
 * @param loginRef the storage row id of the login
 * @param mode cached, live or webhook
 * @param state where the state machine stands
 * @param requestId the Flinks session, once {@code /Authorize} answered
 * @param detailRequested whether {@code /GetAccountsDetail} was already called in this session
 *     (then poll the Async endpoint)
 * @param flinksCode the FlinksCode of the last failure that had one, or null
 * @param reason why the retrieval failed or last had to retry: a FlinksCode or one of {@link
 *     FailureReason}'s categories; null while nothing went wrong
 * @param reasonMessage a short description of that failure, free of secrets, or null
 * @param attempts transient failures in a row (the backoff exponent); reset by any answer from
 *     Flinks
 * @param polls calls to the Async endpoint so far
 * @param sessions sessions opened so far (an expired RequestId opens a new one)
 * @param recoveryRound 0 for a retrieval asked for by the API or the refresh schedule; n for the
 *     n-th one started on its own after retrievals of the login ran out of time on transient
 *     failures
 * @param challenges the security questions while {@code mfa_required}
 * @param createdAt when requested
 * @param updatedAt last state change
 * @param deadlineAt when the retrieval gives up (retries and polling included), or when an
 *     unanswered MFA expires
 * @param completedAt when it became terminal
 * @param version optimistic-lock counter; every write checks it
 */
public record Retrieval(
    String id,
    long loginRef,
    RetrievalMode mode,
    RetrievalState state,
    String requestId,
    boolean detailRequested,
    String flinksCode,
    String reason,
    String reasonMessage,
    int attempts,
    int polls,
    int sessions,
    int recoveryRound,
    List<MfaChallenge> challenges,
    Instant createdAt,
    Instant updatedAt,
    Instant deadlineAt,
    Instant completedAt,
    long version) {

  public Retrieval {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(state, "state");
    challenges = challenges == null ? List.of() : List.copyOf(challenges);
  }

  /** A new retrieval with every counter at zero. */
  public static Builder builder(String id, long loginRef, RetrievalMode mode, Instant createdAt) {
    Builder b = new Builder();
    b.id = id;
    b.loginRef = loginRef;
    b.mode = mode;
    b.state = RetrievalState.REQUESTED;
    b.createdAt = createdAt;
    b.updatedAt = createdAt;
    return b;
  }

  /** A builder holding every field of this retrieval. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.loginRef = loginRef;
    b.mode = mode;
    b.state = state;
    b.requestId = requestId;
    b.detailRequested = detailRequested;
    b.flinksCode = flinksCode;
    b.reason = reason;
    b.reasonMessage = reasonMessage;
    b.attempts = attempts;
    b.polls = polls;
    b.sessions = sessions;
    b.recoveryRound = recoveryRound;
    b.challenges = challenges;
    b.createdAt = createdAt;
    b.updatedAt = updatedAt;
    b.deadlineAt = deadlineAt;
    b.completedAt = completedAt;
    b.version = version;
    return b;
  }

  /** The state changed at {@code now}; a terminal state also sets {@code completedAt}. */
  Retrieval withState(RetrievalState newState, Instant now) {
    return toBuilder()
        .state(newState)
        .updatedAt(now)
        .completedAt(newState.isTerminal() ? now : null)
        .build();
  }

  /** Another session (null: none open yet); the first detail call of it is still to be made. */
  Retrieval withSession(String newRequestId, int newSessions) {
    return toBuilder().requestId(newRequestId).sessions(newSessions).detailRequested(false).build();
  }

  Retrieval withDetailRequested(int newPolls) {
    return toBuilder().detailRequested(true).polls(newPolls).build();
  }

  /**
   * The failure that made the retrieval retry or end, and the transient failures in a row so far.
   */
  Retrieval withFailure(FailureReason failure, int newAttempts) {
    return toBuilder()
        .flinksCode(failure.flinksCode().orElse(flinksCode))
        .reason(failure.code())
        .reasonMessage(failure.message())
        .attempts(newAttempts)
        .build();
  }

  /**
   * Flinks answered: the transient failures in a row start again from zero (the reason stays for
   * the record).
   */
  Retrieval withAnswer() {
    return attempts == 0 ? this : toBuilder().attempts(0).build();
  }

  Retrieval withMfa(List<MfaChallenge> newChallenges) {
    return toBuilder().challenges(newChallenges).build();
  }

  Retrieval withDeadline(Instant newDeadline) {
    return toBuilder().deadlineAt(newDeadline).build();
  }

  /** The row as it is after a successful write of this value (the store bumps the version). */
  Retrieval saved() {
    return toBuilder().version(version + 1).build();
  }

  @Override
  public String toString() {
    return "Retrieval[id="
        + id
        + ", loginRef="
        + loginRef
        + ", mode="
        + mode
        + ", state="
        + state
        + ", reason="
        + reason
        + ", attempts="
        + attempts
        + ", polls="
        + polls
        + ", sessions="
        + sessions
        + ", version="
        + version
        + "]";
  }

  /** Named construction of a {@link Retrieval}. */
  public static final class Builder {
    private String id;
    private long loginRef;
    private RetrievalMode mode;
    private RetrievalState state;
    private String requestId;
    private boolean detailRequested;
    private String flinksCode;
    private String reason;
    private String reasonMessage;
    private int attempts;
    private int polls;
    private int sessions;
    private int recoveryRound;
    private List<MfaChallenge> challenges = List.of();
    private Instant createdAt;
    private Instant updatedAt;
    private Instant deadlineAt;
    private Instant completedAt;
    private long version;

    private Builder() {}

    public Builder state(RetrievalState value) {
      state = value;
      return this;
    }

    public Builder requestId(String value) {
      requestId = value;
      return this;
    }

    public Builder detailRequested(boolean value) {
      detailRequested = value;
      return this;
    }

    public Builder flinksCode(String value) {
      flinksCode = value;
      return this;
    }

    public Builder reason(String value) {
      reason = value;
      return this;
    }

    public Builder reasonMessage(String value) {
      reasonMessage = value;
      return this;
    }

    public Builder attempts(int value) {
      attempts = value;
      return this;
    }

    public Builder polls(int value) {
      polls = value;
      return this;
    }

    public Builder sessions(int value) {
      sessions = value;
      return this;
    }

    public Builder recoveryRound(int value) {
      recoveryRound = value;
      return this;
    }

    public Builder challenges(List<MfaChallenge> value) {
      challenges = value;
      return this;
    }

    public Builder mode(RetrievalMode value) {
      mode = value;
      return this;
    }

    public Builder updatedAt(Instant value) {
      updatedAt = value;
      return this;
    }

    public Builder deadlineAt(Instant value) {
      deadlineAt = value;
      return this;
    }

    public Builder completedAt(Instant value) {
      completedAt = value;
      return this;
    }

    public Builder version(long value) {
      version = value;
      return this;
    }

    public Retrieval build() {
      return new Retrieval(
          id,
          loginRef,
          mode,
          state,
          requestId,
          detailRequested,
          flinksCode,
          reason,
          reasonMessage,
          attempts,
          polls,
          sessions,
          recoveryRound,
          challenges,
          createdAt,
          updatedAt,
          deadlineAt,
          completedAt,
          version);
    }
  }
}
