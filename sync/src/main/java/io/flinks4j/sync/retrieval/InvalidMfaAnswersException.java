package io.flinks4j.sync.retrieval;

import java.util.Set;

/** The posted MFA answers do not cover exactly the prompts Flinks asked (Flinks would refuse them). */
public final class InvalidMfaAnswersException extends RuntimeException {
  private final Set<String> missing;
  private final Set<String> unknown;

  public InvalidMfaAnswersException(Set<String> missing, Set<String> unknown) {
    super("answers must give at least one value for each prompt asked, keyed by the exact prompt text; missing "
        + missing + ", not asked " + unknown.size());
    this.missing = Set.copyOf(missing);
    this.unknown = Set.copyOf(unknown);
  }

  /** Prompts that were asked and not answered. */
  public Set<String> missing() {
    return missing;
  }

  /** Keys that match no prompt. */
  public Set<String> unknown() {
    return unknown;
  }
}
