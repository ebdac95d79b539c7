package io.flinks4j.sync.retrieval;

import io.flinks4j.sync.http.ApiDoc;
import java.util.Objects;

/**
 * One security question of a 203 answer, kept so the lender can show it and post the answer back.
 *
 * @param type Flinks's challenge type, an open string (e.g. {@code QuestionAndAnswer})
 * @param prompt the exact prompt text; answers must be keyed by it
 */
@ApiDoc("A security question of a live retrieval; answer it keyed by its prompt")
public record MfaChallenge(
    @ApiDoc(value = "Flinks's challenge type, e.g. QuestionAndAnswer", nullable = true) String type,
    @ApiDoc("the exact prompt text") String prompt) {
  public MfaChallenge {
    Objects.requireNonNull(prompt, "prompt");
  }
}
