package io.flinks4j.sandbox.engine;

/** Result of looking a RequestId up: alive, dead of old age, or never issued. */
public sealed interface SessionLookup {

  record Alive(Session session) implements SessionLookup {}

  record Expired() implements SessionLookup {}

  record Nonexistent() implements SessionLookup {}
}
