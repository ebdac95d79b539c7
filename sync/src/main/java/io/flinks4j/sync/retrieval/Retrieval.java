package io.flinks4j.sync.retrieval;

import java.time.Instant;
import java.util.List;

/**
 * One persisted attempt to get a login's data, as the engine and the API see it.
 *
 * @param id retrieval id (a UUID string)
 * @param loginRef the storage row id of the login
 * @param mode cached, live or webhook
 * @param state where the state machine stands
 * @param requestId the Flinks session, once {@code /Authorize} answered
 * @param detailRequested whether {@code /GetAccountsDetail} was already called in this session (then poll the Async
 *     endpoint)
 * @param flinksCode the FlinksCode of the failure, or of the last retryable error
 * @param attempts retryable failures so far
 * @param polls calls to the Async endpoint so far
 * @param sessions sessions opened so far (an expired RequestId opens a new one)
 * @param challenges the security questions while {@code mfa_required}
 * @param relaunchUrl a Flinks Connect URL (with a fresh authorize token) to finish MFA in the iframe
 * @param createdAt when requested
 * @param updatedAt last state change
 * @param deadlineAt when polling gives up, or when an unanswered MFA expires
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
    int attempts,
    int polls,
    int sessions,
    List<MfaChallenge> challenges,
    String relaunchUrl,
    Instant createdAt,
    Instant updatedAt,
    Instant deadlineAt,
    Instant completedAt,
    long version) {

  public Retrieval {
    challenges = challenges == null ? List.of() : List.copyOf(challenges);
  }

  Retrieval withState(RetrievalState newState, Instant now) {
    return new Retrieval(id, loginRef, mode, newState, requestId, detailRequested, flinksCode, attempts, polls,
        sessions, challenges, relaunchUrl, createdAt, now, deadlineAt, newState.isTerminal() ? now : null, version);
  }

  Retrieval withSession(String newRequestId, int newSessions) {
    return new Retrieval(id, loginRef, mode, state, newRequestId, false, flinksCode, attempts, polls, newSessions,
        challenges, relaunchUrl, createdAt, updatedAt, deadlineAt, completedAt, version);
  }

  Retrieval withDetailRequested(int newPolls) {
    return new Retrieval(id, loginRef, mode, state, requestId, true, flinksCode, attempts, newPolls, sessions,
        challenges, relaunchUrl, createdAt, updatedAt, deadlineAt, completedAt, version);
  }

  Retrieval withFailure(String code, int newAttempts) {
    return new Retrieval(id, loginRef, mode, state, requestId, detailRequested, code, newAttempts, polls, sessions,
        challenges, relaunchUrl, createdAt, updatedAt, deadlineAt, completedAt, version);
  }

  Retrieval withMfa(List<MfaChallenge> newChallenges, String newRelaunchUrl) {
    return new Retrieval(id, loginRef, mode, state, requestId, detailRequested, flinksCode, attempts, polls,
        sessions, newChallenges, newRelaunchUrl, createdAt, updatedAt, deadlineAt, completedAt, version);
  }

  Retrieval withDeadline(Instant newDeadline) {
    return new Retrieval(id, loginRef, mode, state, requestId, detailRequested, flinksCode, attempts, polls,
        sessions, challenges, relaunchUrl, createdAt, updatedAt, newDeadline, completedAt, version);
  }

  /** Redacts the relaunch URL: it carries a single-use authorize token. */
  @Override
  public String toString() {
    return "Retrieval[id=" + id + ", loginRef=" + loginRef + ", mode=" + mode + ", state=" + state
        + ", flinksCode=" + flinksCode + ", attempts=" + attempts + ", polls=" + polls + ", sessions=" + sessions
        + ", version=" + version + "]";
  }
}
