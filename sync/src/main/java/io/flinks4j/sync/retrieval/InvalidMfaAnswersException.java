package io.flinks4j.sync.retrieval;

import java.util.Set;

/**
 * The posted MFA answers do not cover exactly the prompts Flinks asked, or name choices it did not
 * offer.
 */
public final class InvalidMfaAnswersException extends RuntimeException {
  private final Set<String> missing;
  private final Set<String> unknown;

  public InvalidMfaAnswersException(Set<String> missing, Set<String> unknown) {
    this(
        "answers must give at least one value for each prompt asked, keyed by the exact prompt text; missing "
            + missing
            + ", not asked "
            + unknown.size(),
        missing,
        unknown);
  }

  private InvalidMfaAnswersException(String message, Set<String> missing, Set<String> unknown) {
    super(message);
    this.missing = Set.copyOf(missing);
    this.unknown = Set.copyOf(unknown);
  }

  /**
   * The answer to {@code prompt} names a choice it does not offer, or several where it takes one.
   */
  static InvalidMfaAnswersException notAChoice(String prompt) {
    return new InvalidMfaAnswersException(
        "the answer to \""
            + prompt
            + "\" must be one of its choices"
            + " (exactly one unless it takes several)",
        Set.of(),
        Set.of());
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
