package io.flinks4j.client.model;

import java.util.List;
import java.util.Objects;

/**
 * The answer to one {@link SecurityChallenge}: one string (a text, a choice, an image) or several
 * (the choices of a multiple-answer challenge, a phone number and how to send the code). On the
 * wire every answer is the array {@link #values()}, as {@code SecurityResponses} requires.
 */
public sealed interface MfaAnswer {

  /** The strings sent for this answer, in order. */
  List<String> values();

  /** One string. */
  record Text(String value) implements MfaAnswer {
    public Text {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public List<String> values() {
      return List.of(value);
    }

    @Override
    public String toString() {
      return "Text[***]";
    }
  }

  /** Several strings. */
  record Choices(List<String> values) implements MfaAnswer {
    public Choices {
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("pick at least one choice");
      }
    }

    @Override
    public String toString() {
      return "Choices[" + values.size() + "]";
    }
  }

  static MfaAnswer text(String value) {
    return new Text(value);
  }

  static MfaAnswer choices(List<String> values) {
    return new Choices(values);
  }
}
