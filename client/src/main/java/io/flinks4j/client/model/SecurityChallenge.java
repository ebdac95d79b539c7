package io.flinks4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One MFA challenge from a 203 {@code /Authorize} answer, by kind, with its choices typed; the
 * answer must be keyed by {@link #prompt()} exactly. Flinks documents only {@code
 * QuestionAndAnswer}; the other kinds and their {@code Iterables} follow what public integrations
 * handle (see the sandbox README); unknown kinds stay {@link Other}.
 */
public sealed interface SecurityChallenge {
  /** The only challenge type the Flinks docs show. */
  String QUESTION_AND_ANSWER = "QuestionAndAnswer";

  /** Challenge kind as sent in {@code Type} (an open string). */
  String type();

  /** The question text, to be used verbatim as the key of {@code SecurityResponses}. */
  String prompt();

  /** Any other fields, kept as received. */
  Map<String, JsonNode> extra();

  /**
   * What the user picks from ({@code Iterables}): choices, Base64 images or phone numbers; empty
   * for a question.
   */
  default List<String> choices() {
    return List.of();
  }

  /**
   * Reads an answer typed by a person: for a choice kind, the choice named case-insensitively
   * (several, comma separated, for {@link MultipleChoices}); otherwise the text itself. Empty when
   * a choice kind names no choice.
   */
  Optional<MfaAnswer> answerFromText(String text);

  /** A free-text question ({@code QuestionAndAnswer}). */
  record Question(String prompt, Map<String, JsonNode> extra) implements SecurityChallenge {
    public Question {
      extra = Extras.of(extra);
    }

    @Override
    public String type() {
      return QUESTION_AND_ANSWER;
    }

    @Override
    public Optional<MfaAnswer> answerFromText(String text) {
      return Optional.of(MfaAnswer.text(text));
    }
  }

  /** Pick exactly one of {@link #choices()} ({@code MultipleChoice}). */
  record SingleChoice(String prompt, List<String> choices, Map<String, JsonNode> extra)
      implements SecurityChallenge {
    public SingleChoice {
      choices = Extras.list(choices);
      extra = Extras.of(extra);
    }

    @Override
    public String type() {
      return "MultipleChoice";
    }

    /** The answer choosing {@code choice}; fails when it is not one of the choices. */
    public MfaAnswer pick(String choice) {
      return MfaAnswer.text(
          ChoiceText.find(choices, choice).orElseThrow(() -> ChoiceText.notOffered(choice)));
    }

    @Override
    public Optional<MfaAnswer> answerFromText(String text) {
      return ChoiceText.find(choices, text).map(MfaAnswer::text);
    }
  }

  /**
   * Pick every right one of {@link #choices()} and no other ({@code
   * MultipleChoiceMultipleAnswers}).
   */
  record MultipleChoices(String prompt, List<String> choices, Map<String, JsonNode> extra)
      implements SecurityChallenge {
    public MultipleChoices {
      choices = Extras.list(choices);
      extra = Extras.of(extra);
    }

    @Override
    public String type() {
      return "MultipleChoiceMultipleAnswers";
    }

    /** The answer choosing all of {@code picked}; fails when one is not offered. */
    public MfaAnswer pick(List<String> picked) {
      List<String> values = new ArrayList<>();
      for (String p : picked) {
        values.add(ChoiceText.find(choices, p).orElseThrow(() -> ChoiceText.notOffered(p)));
      }
      return MfaAnswer.choices(values);
    }

    @Override
    public Optional<MfaAnswer> answerFromText(String text) {
      List<String> values = new ArrayList<>();
      for (String part : text.split(",")) {
        Optional<String> choice = ChoiceText.find(choices, part);
        if (choice.isEmpty()) {
          return Optional.empty();
        }
        values.add(choice.get());
      }
      return Optional.of(MfaAnswer.choices(values));
    }
  }

  /**
   * Pick one image ({@code ImageSelection}); {@link #choices()} are Base64-encoded images and the
   * answer is the chosen entry itself.
   */
  record ImageChoice(String prompt, List<String> choices, Map<String, JsonNode> extra)
      implements SecurityChallenge {
    public ImageChoice {
      choices = Extras.list(choices);
      extra = Extras.of(extra);
    }

    @Override
    public String type() {
      return "ImageSelection";
    }

    /** The answer choosing image {@code index} (0-based). */
    public MfaAnswer pick(int index) {
      return MfaAnswer.text(choices.get(index));
    }

    @Override
    public Optional<MfaAnswer> answerFromText(String text) {
      return choices.contains(text.trim())
          ? Optional.of(MfaAnswer.text(text.trim()))
          : Optional.empty();
    }

    @Override
    public String toString() {
      return "ImageChoice[prompt=" + prompt + ", images=" + choices.size() + "]";
    }
  }

  /**
   * Choose a phone number to receive a one-time code ({@code TextOrCall}, or {@code TextOnly}); the
   * code itself is asked as a {@link Question} in the next round.
   */
  record PhoneChoice(String type, String prompt, List<String> choices, Map<String, JsonNode> extra)
      implements SecurityChallenge {
    public PhoneChoice {
      choices = Extras.list(choices);
      extra = Extras.of(extra);
    }

    /** Whether the bank offers to call ({@code TextOrCall}) besides texting. */
    public boolean callsOffered() {
      return "TextOrCall".equalsIgnoreCase(type);
    }

    /** The answer asking for a text message to {@code phone}. */
    public MfaAnswer text(String phone) {
      return MfaAnswer.choices(List.of(number(phone), "Text"));
    }

    /** The answer asking for a call to {@code phone}; fails when calls are not offered. */
    public MfaAnswer call(String phone) {
      if (!callsOffered()) {
        throw new IllegalArgumentException("this bank only texts codes");
      }
      return MfaAnswer.choices(List.of(number(phone), "Call"));
    }

    private String number(String phone) {
      return ChoiceText.find(choices, phone).orElseThrow(() -> ChoiceText.notOffered(phone));
    }

    @Override
    public Optional<MfaAnswer> answerFromText(String text) {
      return ChoiceText.find(choices, text).map(MfaAnswer::text);
    }
  }

  /** A kind this client does not know; {@link #extra()} holds its data as received. */
  record Other(String type, String prompt, List<String> choices, Map<String, JsonNode> extra)
      implements SecurityChallenge {
    public Other {
      choices = Extras.list(choices);
      extra = Extras.of(extra);
    }

    @Override
    public Optional<MfaAnswer> answerFromText(String text) {
      return Optional.of(MfaAnswer.text(text));
    }
  }

  /**
   * The typed challenge for a wire {@code Type}, {@code Prompt} and {@code Iterables} (null when
   * absent). A question that carries {@code Iterables} (a password-reset flow in nanopay's
   * integration) keeps them in {@code extra}.
   */
  static SecurityChallenge of(
      String type, String prompt, List<String> iterables, Map<String, JsonNode> extra) {
    List<String> items = iterables == null ? List.of() : iterables;
    String kind = type == null ? "" : type.toLowerCase(Locale.ROOT);
    return switch (kind) {
      case "questionandanswer" -> new Question(prompt, extra);
      case "multiplechoice" -> new SingleChoice(prompt, items, extra);
      case "multiplechoicemultipleanswers" -> new MultipleChoices(prompt, items, extra);
      case "imageselection" -> new ImageChoice(prompt, items, extra);
      case "textorcall", "textonly" -> new PhoneChoice(type, prompt, items, extra);
      default -> new Other(type, prompt, items, extra);
    };
  }

  /** A question-and-answer challenge with no extra fields. */
  static Question question(String prompt) {
    return new Question(prompt, Map.of());
  }
}
