package io.flinks4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One MFA question from a 203 {@code /Authorize} answer; the answer must be keyed by {@link #prompt()} exactly.
 *
 * @param type challenge kind, an open string ({@code QuestionAndAnswer} is the only documented one)
 * @param prompt the question text, to be used verbatim as the key of {@code SecurityResponses}
 * @param extra any other fields (undocumented challenge kinds carry their data here), kept as received
 */
public record SecurityChallenge(String type, String prompt, Map<String, JsonNode> extra) {
  /** The only challenge type the Flinks docs show. */
  public static final String QUESTION_AND_ANSWER = "QuestionAndAnswer";

  public SecurityChallenge {
    extra = Extras.of(extra);
  }

  /** A question-and-answer challenge with no extra fields. */
  public static SecurityChallenge question(String prompt) {
    return new SecurityChallenge(QUESTION_AND_ANSWER, prompt, Map.of());
  }
}
