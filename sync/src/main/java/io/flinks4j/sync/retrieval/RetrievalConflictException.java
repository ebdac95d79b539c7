package io.flinks4j.sync.retrieval;

/**
 * The login already has an active retrieval (the database's unique active slot refused a second
 * one).
 */
public final class RetrievalConflictException extends RuntimeException {
  public RetrievalConflictException() {
    super("a retrieval is already in progress for this login");
  }
}
