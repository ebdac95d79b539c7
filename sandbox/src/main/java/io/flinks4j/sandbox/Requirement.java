package io.flinks4j.sandbox;

/**
 * Whether a credential must be sent: Flinks made some of them mandatory only for newer instances.
 */
public enum Requirement {
  /** A missing or wrong value is refused with 401. */
  REQUIRED,
  /** A missing value is accepted (older instances); a wrong one is still refused. */
  OPTIONAL
}
