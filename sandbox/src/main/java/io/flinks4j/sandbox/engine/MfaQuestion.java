package io.flinks4j.sandbox.engine;

import io.flinks4j.sandbox.MfaType;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A security challenge of the emulated bank, with the prompt exactly as the API shows it, the
 * choices it sends in {@code Iterables} (empty for a plain question) and the right answers.
 *
 * @param answers the one right answer of a question or single choice; every right choice of a
 *     multiple-answer one
 */
public record MfaQuestion(
    MfaType type, String prompt, List<String> iterables, List<String> answers) {

  /** The three Canadian FlinksCapital questions of the toolbox documentation. */
  public static final List<MfaQuestion> FLINKS_CAPITAL =
      List.of(
          question("What city were you born in?", "Montreal"),
          question("What is the best country on earth?", "Canada"),
          question("What shape do people like most?", "Triangle"));

  /**
   * The code a TextOrCall / TextOnly challenge "sends"; asked in the round after the phone choice.
   */
  public static final String ONE_TIME_CODE = "123456";

  static final List<String> PHONES = List.of("•••-•••-1234", "•••-•••-5678");
  static final List<String> METHODS = List.of("Text", "Call");

  /** Red, green, blue and yellow swatches; the blue one is "your personal image". */
  static final List<String> IMAGES =
      List.of(
          SwatchPng.base64(0xd32f2f),
          SwatchPng.base64(0x388e3c),
          SwatchPng.base64(0x1976d2),
          SwatchPng.base64(0xfbc02d));

  public MfaQuestion {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(prompt, "prompt");
    iterables = List.copyOf(iterables);
    answers = List.copyOf(answers);
  }

  static MfaQuestion question(String prompt, String answer) {
    return new MfaQuestion(MfaType.QUESTION_AND_ANSWER, prompt, List.of(), List.of(answer));
  }

  /** A question-and-answer challenge (kept for callers that only know text questions). */
  public MfaQuestion(String prompt, String answer) {
    this(MfaType.QUESTION_AND_ANSWER, prompt, List.of(), List.of(answer));
  }

  /** The single answer of a text question (the first right answer of the others). */
  public String answer() {
    return answers.getFirst();
  }

  /**
   * The challenges a login of {@code type} is asked, in order; {@link #rounds} says how many 203
   * rounds they span. The text/call kinds ask for the phone first and for the code it received in a
   * second round.
   */
  public static List<MfaQuestion> of(MfaType type) {
    return switch (type) {
      case QUESTION_AND_ANSWER -> FLINKS_CAPITAL;
      case MULTIPLE_CHOICE ->
          List.of(
              new MfaQuestion(
                  type,
                  "Which shape do people like most?",
                  List.of("Circle", "Square", "Triangle", "Hexagon"),
                  List.of("Triangle")));
      case MULTIPLE_CHOICE_MULTIPLE_ANSWERS ->
          List.of(
              new MfaQuestion(
                  type,
                  "Which of these cities have you lived in? Select all that apply.",
                  List.of("Montreal", "Toronto", "Vancouver", "Calgary"),
                  List.of("Montreal", "Toronto")));
      case IMAGE_SELECTION ->
          List.of(
              new MfaQuestion(type, "Select your personal image", IMAGES, List.of(IMAGES.get(2))));
      case TEXT_OR_CALL ->
          List.of(
              new MfaQuestion(
                  type,
                  "How would you like to receive your one-time security code?",
                  PHONES,
                  PHONES),
              question("Enter the security code we sent you", ONE_TIME_CODE));
      case TEXT_ONLY ->
          List.of(
              new MfaQuestion(
                  type, "Where should we text your one-time security code?", PHONES, PHONES),
              question("Enter the security code we texted you", ONE_TIME_CODE));
    };
  }

  /** How many 203 rounds the challenges of {@code type} span when the caller does not choose. */
  public static int rounds(MfaType type) {
    return type == MfaType.TEXT_OR_CALL || type == MfaType.TEXT_ONLY ? 2 : 1;
  }

  /**
   * Whether {@code key} of {@code SecurityResponses} answers this challenge: its prompt, or, for
   * the text/call kinds, one of its phone numbers (nanopay's integration keys the chosen number
   * with {@code ["Text"]} or {@code ["Call"]}).
   */
  public boolean keyedBy(String key) {
    return prompt.equals(key) || (textOrCall() && iterables.contains(key));
  }

  /** The values answering this challenge in {@code responses}, or null when none does. */
  public List<String> answerIn(Map<String, List<String>> responses) {
    List<String> byPrompt = responses.get(prompt);
    if (byPrompt != null || !textOrCall()) {
      return byPrompt;
    }
    for (String phone : iterables) {
      List<String> method = responses.get(phone);
      if (method != null) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(phone), method.stream())
            .toList();
      }
    }
    return null;
  }

  /** Answers are compared like a bank would: trimmed and ignoring case. */
  public boolean accepts(String given) {
    return accepts(List.of(given == null ? "" : given));
  }

  /**
   * Whether {@code given} answers the challenge. A question: any of the values is the answer. A
   * choice: the values are choices from {@code Iterables} and exactly the right ones. Text/call: a
   * phone number from the list, then optionally the method ({@code Text}, or {@code Call} when
   * calls are offered).
   */
  public boolean accepts(List<String> given) {
    return switch (type) {
      case QUESTION_AND_ANSWER -> given.stream().anyMatch(g -> same(g, answer()));
      case MULTIPLE_CHOICE, MULTIPLE_CHOICE_MULTIPLE_ANSWERS, IMAGE_SELECTION -> {
        if (given.isEmpty()
            || !given.stream().allMatch(g -> iterables.stream().anyMatch(c -> same(g, c)))) {
          yield false;
        }
        yield normalized(given).equals(normalized(answers));
      }
      case TEXT_OR_CALL, TEXT_ONLY -> {
        List<String> methods = type == MfaType.TEXT_ONLY ? METHODS.subList(0, 1) : METHODS;
        yield (given.size() == 1 || given.size() == 2)
            && iterables.stream().anyMatch(p -> same(given.getFirst(), p))
            && (given.size() == 1 || methods.stream().anyMatch(m -> same(given.get(1), m)));
      }
    };
  }

  private boolean textOrCall() {
    return type == MfaType.TEXT_OR_CALL || type == MfaType.TEXT_ONLY;
  }

  private static boolean same(String given, String expected) {
    return given != null && given.trim().equalsIgnoreCase(expected.trim());
  }

  private static Set<String> normalized(List<String> values) {
    Set<String> out = new HashSet<>();
    values.forEach(v -> out.add(v.trim().toLowerCase(Locale.ROOT)));
    return out;
  }
}
