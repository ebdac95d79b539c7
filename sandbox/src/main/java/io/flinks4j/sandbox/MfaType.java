package io.flinks4j.sandbox;

import java.util.Arrays;

/**
 * The kinds of security challenge a bank can put in a 203 {@code SecurityChallenges} entry, named
 * as Flinks names them in {@code Type}; a test login asks one kind (see the sandbox README for the
 * shapes and their sources).
 */
public enum MfaType {
  /** Free text answer (the only kind the Flinks docs show). */
  QUESTION_AND_ANSWER("QuestionAndAnswer"),
  /** One choice from {@code Iterables}. */
  MULTIPLE_CHOICE("MultipleChoice"),
  /** Every right choice from {@code Iterables}, no wrong one. */
  MULTIPLE_CHOICE_MULTIPLE_ANSWERS("MultipleChoiceMultipleAnswers"),
  /** One image from {@code Iterables} (Base64 PNGs); the answer is the chosen entry. */
  IMAGE_SELECTION("ImageSelection"),
  /** A phone number from {@code Iterables} to text or call a one-time code to, then the code. */
  TEXT_OR_CALL("TextOrCall"),
  /** Like {@link #TEXT_OR_CALL}, text messages only. */
  TEXT_ONLY("TextOnly");

  private final String wireName;

  MfaType(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code Type} value on the wire. */
  public String wireName() {
    return wireName;
  }

  /** Whether the challenge carries a list of choices in {@code Iterables}. */
  public boolean hasChoices() {
    return this != QUESTION_AND_ANSWER;
  }

  /**
   * Reads a wire name ({@code MultipleChoice}) or a constant name ({@code MULTIPLE_CHOICE}), in any
   * case.
   */
  public static MfaType parse(String value) {
    return Arrays.stream(values())
        .filter(t -> t.wireName.equalsIgnoreCase(value) || t.name().equalsIgnoreCase(value))
        .findFirst()
        .orElseThrow(() ->
            new IllegalArgumentException(
                "unknown MFA type "
                    + value
                    + "; one of "
                    + Arrays.stream(values()).map(MfaType::wireName).toList()));
  }
}
