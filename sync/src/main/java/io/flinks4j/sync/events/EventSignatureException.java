package io.flinks4j.sync.events;

/** A received event's signature is missing, wrong or too old. */
public final class EventSignatureException extends RuntimeException {
  public EventSignatureException(String message) {
    super(message);
  }
}
