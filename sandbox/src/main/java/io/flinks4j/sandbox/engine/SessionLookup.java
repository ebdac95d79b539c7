package io.flinks4j.sandbox.engine;

/** Result of looking a RequestId up: alive, dead of old age, or never issued. */
public sealed interface SessionLookup {

  /** The session exists and is usable. */
  record Alive(Session session) implements SessionLookup {}

  /** The RequestId was issued but idled out or outlived its processing window: SESSION_EXPIRED. */
  record Expired() implements SessionLookup {}

  /** The RequestId was never issued (or was purged long ago): SESSION_NONEXISTENT. */
  record Nonexistent() implements SessionLookup {}
}
