package io.flinks4j.sync.retrieval;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flinks4j.sync.http.ApiDoc;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One security challenge of a 203 answer, kept so the lender can show it and post the answer back.
 *
 * @param type Flinks's challenge type, an open string (e.g. {@code QuestionAndAnswer}, {@code
 *     MultipleChoice})
 * @param prompt the exact prompt text; answers must be keyed by it
 * @param choices what the user picks from (Flinks's {@code Iterables}: choices, Base64 images,
 *     phone numbers), or null for a free-text question
 */
@ApiDoc("A security question of a live retrieval; answer it keyed by its prompt")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MfaChallenge(
    @ApiDoc(
            value = "Flinks's challenge type, e.g. QuestionAndAnswer, MultipleChoice",
            nullable = true)
        String type,
    @ApiDoc("the exact prompt text") String prompt,
    @ApiDoc(
            nullable = true,
            value =
                "what to pick from, for choice types only (MultipleChoice, MultipleChoiceMultipleAnswers,"
                    + " ImageSelection as Base64 images, TextOrCall/TextOnly phone numbers)")
        List<String> choices) {
  /**
   * The kinds whose answers must each be one of the choices (phone kinds also take a method after
   * the number).
   */
  private static final Set<String> PICKED =
      Set.of("MultipleChoice", "MultipleChoiceMultipleAnswers", "ImageSelection");

  public MfaChallenge {
    Objects.requireNonNull(prompt, "prompt");
    choices = choices == null || choices.isEmpty() ? null : List.copyOf(choices);
  }

  /** A free-text question. */
  public MfaChallenge(String type, String prompt) {
    this(type, prompt, null);
  }

  /**
   * The answer with each value spelled as the offered choice (matched trimmed, ignoring case), so a
   * typo is caught here instead of failing the bank login; empty when a value is not offered or a
   * single choice gets several. Answers to other kinds come back unchanged.
   */
  Optional<List<String>> canonical(List<String> values) {
    if (choices == null || !PICKED.contains(type)) {
      return Optional.of(values);
    }
    if ("MultipleChoice".equals(type) && values.size() != 1
        || "ImageSelection".equals(type) && values.size() != 1) {
      return Optional.empty();
    }
    List<String> out = new ArrayList<>(values.size());
    for (String value : values) {
      Optional<String> choice =
          choices.stream().filter(c -> c.trim().equalsIgnoreCase(value.trim())).findFirst();
      if (choice.isEmpty()) {
        return Optional.empty();
      }
      out.add(choice.get());
    }
    return Optional.of(out);
  }
}
