package io.flinks4j.cli.fetch;

import io.flinks4j.client.model.SecurityChallenge;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * How a security challenge's choices read on a terminal: numbered, images by number and size, never
 * as Base64.
 */
final class ChallengeText {
  private ChallengeText() {}

  /** One line per choice, {@code "1) Circle"}; empty for a text question. */
  static List<String> choiceLines(SecurityChallenge challenge) {
    List<String> lines = new ArrayList<>();
    List<String> choices = challenge.choices();
    for (int i = 0; i < choices.size(); i++) {
      lines.add((i + 1) + ") " + label(challenge, i));
    }
    return lines;
  }

  /** What the person is asked to type. */
  static String instruction(SecurityChallenge challenge) {
    return switch (challenge) {
      case SecurityChallenge.MultipleChoices c -> "Pick every one that applies (e.g. 1,3):";
      case SecurityChallenge.ImageChoice c -> "Pick your image (1-" + c.choices().size() + "):";
      case SecurityChallenge.PhoneChoice c ->
          "Send the code by text to (1-" + c.choices().size() + "):";
      case SecurityChallenge.SingleChoice c -> "Pick one (1-" + c.choices().size() + "):";
      default -> challenge.choices().isEmpty() ? "Answer:" : "Pick (e.g. 1 or 1,3):";
    };
  }

  private static String label(SecurityChallenge challenge, int index) {
    String choice = challenge.choices().get(index);
    if (challenge instanceof SecurityChallenge.ImageChoice) {
      return "image "
          + (index + 1)
          + " ("
          + decodedSize(choice)
          + " bytes; shown in Flinks Connect)";
    }
    return choice;
  }

  private static String decodedSize(String base64) {
    try {
      return String.valueOf(Base64.getDecoder().decode(base64.strip()).length);
    } catch (IllegalArgumentException e) {
      return "?";
    }
  }
}
