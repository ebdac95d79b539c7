package io.flinks4j.sync.storage;

/** Unchecked wrapper for a failed database call, so callers that cannot recover need not declare SQLException. */
public final class StorageException extends RuntimeException {
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
