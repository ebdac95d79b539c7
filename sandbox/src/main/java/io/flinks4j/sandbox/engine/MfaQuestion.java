package io.flinks4j.sandbox.engine;

import java.util.List;
import java.util.Locale;

/** A security question of the emulated bank, with the prompt exactly as the API shows it. */
public record MfaQuestion(String prompt, String answer) {

  /** The three Canadian FlinksCapital questions of the toolbox documentation. */
  public static final List<MfaQuestion> FLINKS_CAPITAL =
      List.of(
          new MfaQuestion("What city were you born in?", "Montreal"),
          new MfaQuestion("What is the best country on earth?", "Canada"),
          new MfaQuestion("What shape do people like most?", "Triangle"));

  /** Answers are compared like a bank would: trimmed and ignoring case. */
  public boolean accepts(String given) {
    return given != null && given.trim().toLowerCase(Locale.ROOT).equals(answer.toLowerCase(Locale.ROOT));
  }
}
