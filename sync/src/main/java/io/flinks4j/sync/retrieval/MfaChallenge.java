package io.flinks4j.sync.retrieval;

import java.util.Objects;

/**
 * One security question of a 203 answer, kept so the lender can show it and post the answer back.
 *
 * @param type Flinks's challenge type, an open string (e.g. {@code QuestionAndAnswer})
 * @param prompt the exact prompt text; answers must be keyed by it
 */
public record MfaChallenge(String type, String prompt) {
  public MfaChallenge {
    Objects.requireNonNull(prompt, "prompt");
  }
}
