package io.flinks4j.client.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Matching of typed text to the choices a challenge offers: trimmed, ignoring case, as banks
 * compare.
 */
final class ChoiceText {
  private ChoiceText() {}

  static Optional<String> find(List<String> choices, String text) {
    Objects.requireNonNull(text, "choice");
    String wanted = text.trim();
    return choices.stream().filter(c -> c.trim().equalsIgnoreCase(wanted)).findFirst();
  }

  static IllegalArgumentException notOffered(String choice) {
    return new IllegalArgumentException("not one of the offered choices: " + choice);
  }
}
