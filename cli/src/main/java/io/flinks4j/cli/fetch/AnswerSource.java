package io.flinks4j.cli.fetch;

import io.flinks4j.cli.Console;
import io.flinks4j.cli.options.UsageException;
import io.flinks4j.client.AuthorizeResult.MfaChallenge;
import io.flinks4j.client.model.MfaAnswer;
import io.flinks4j.client.model.SecurityChallenge;
import java.io.PrintStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers the bank's MFA questions for the command line, round after round: from the {@code --mfa
 * PROMPT=ANSWER} options first (prompts matched forgivingly; a choice by its text or number), then
 * by asking the person at the terminal, choices numbered; declines (so the caller prints a Connect
 * relaunch URL) when a question has no answer and nobody can type one, remembering which prompts
 * went unanswered and which {@code --mfa} keys matched nothing, for the message.
 */
final class AnswerSource {
  private final List<String> given;
  private final Console console;
  private final Set<Integer> used = new LinkedHashSet<>();
  private List<String> unanswered = List.of();

  /**
   * @param mfaOptions the raw {@code --mfa} values
   * @throws UsageException when a value has no {@code =}
   */
  AnswerSource(List<String> mfaOptions, Console console) {
    for (String option : mfaOptions) {
      int eq = option.indexOf('=');
      if (eq <= 0 || eq == option.length() - 1) {
        throw new UsageException(
            "Invalid value for --mfa: expected PROMPT=ANSWER, e.g. "
                + "--mfa \"What city were you born in?=Montreal\"");
      }
    }
    this.given = List.copyOf(mfaOptions);
    this.console = console;
  }

  /**
   * Answers for every question of this challenge, or empty to decline.
   *
   * @param attempt 1 the first time these questions are answered; above 1 after the bank refused
   *     the answers, when the {@code --mfa} values proved wrong and only the person at the terminal
   *     can try again
   */
  Optional<Map<String, List<String>>> answer(MfaChallenge challenge, int round, int attempt) {
    Map<String, List<String>> answers = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (SecurityChallenge question : challenge.challenges()) {
      String prompt = question.prompt();
      if (prompt == null) {
        return Optional.empty(); // a challenge kind we cannot show; only Connect can handle it
      }
      Optional<MfaAnswer> answer =
          (attempt == 1
                  ? fromOptions(prompt).flatMap(text -> resolve(question, text))
                  : Optional.<MfaAnswer>empty())
              .or(() -> ask(question, round));
      if (answer.isEmpty()) {
        missing.add(prompt);
      } else {
        answers.put(prompt, answer.get().values());
      }
    }
    unanswered = List.copyOf(missing);
    // Flinks refuses partial answers.
    return answers.isEmpty() || !missing.isEmpty() ? Optional.empty() : Optional.of(answers);
  }

  /**
   * Reads what was typed for {@code question}: a choice's text (several comma separated where
   * several are wanted), or, for a challenge with choices, their numbers as listed ({@code 2}, or
   * {@code 1,3}).
   */
  static Optional<MfaAnswer> resolve(SecurityChallenge question, String typed) {
    Optional<MfaAnswer> byText = question.answerFromText(typed);
    List<String> choices = question.choices();
    if (byText.isPresent() || choices.isEmpty()) {
      return byText;
    }
    List<String> picked = new ArrayList<>();
    for (String part : typed.split(",")) {
      try {
        int n = Integer.parseInt(part.strip());
        if (n < 1 || n > choices.size()) {
          return Optional.empty();
        }
        picked.add(choices.get(n - 1));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    boolean several = question instanceof SecurityChallenge.MultipleChoices;
    if (picked.size() == 1 && !several) {
      return Optional.of(MfaAnswer.text(picked.getFirst()));
    }
    return several || question instanceof SecurityChallenge.Other
        ? Optional.of(MfaAnswer.choices(picked))
        : Optional.empty();
  }

  /** Whether someone can type a new answer after the bank refused one. */
  boolean canAskAgain() {
    return console.isInteractive();
  }

  /** The prompts of the last round that got no answer. */
  List<String> unanswered() {
    return unanswered;
  }

  /** The prompt part of each {@code --mfa} that matched no prompt the bank asked so far. */
  List<String> unmatchedKeys() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      if (!used.contains(i)) {
        keys.add(given.get(i).substring(0, given.get(i).indexOf('=')));
      }
    }
    return keys;
  }

  // An option is split at whichever '=' makes its left side the prompt, so prompts and answers may
  // both contain '='.
  // Flinks needs the prompt verbatim; case, spacing and punctuation slips on the command line are
  // forgiven here.
  private Optional<String> fromOptions(String prompt) {
    String wanted = normalise(prompt);
    for (int i = 0; i < given.size(); i++) {
      String option = given.get(i);
      for (int eq = option.indexOf('='); eq > 0; eq = option.indexOf('=', eq + 1)) {
        if (eq < option.length() - 1 && normalise(option.substring(0, eq)).equals(wanted)) {
          used.add(i);
          return Optional.of(option.substring(eq + 1));
        }
      }
    }
    return Optional.empty();
  }

  private static final int TRIES = 3;

  private Optional<MfaAnswer> ask(SecurityChallenge question, int round) {
    if (!console.isInteractive()) {
      return Optional.empty();
    }
    PrintStream err = console.err();
    err.println(
        "Security question"
            + (round > 1 ? " (round " + round + ")" : "")
            + ": "
            + question.prompt());
    ChallengeText.choiceLines(question).forEach(line -> err.println("  " + line));
    for (int attempt = 0; attempt < TRIES; attempt++) {
      err.print(ChallengeText.instruction(question) + " ");
      err.flush();
      Optional<String> line = console.readLine().map(String::strip).filter(text -> !text.isEmpty());
      if (line.isEmpty()) {
        return Optional.empty();
      }
      Optional<MfaAnswer> answer = resolve(question, line.get());
      if (answer.isPresent()) {
        return answer;
      }
      err.println("  not one of the choices listed");
    }
    return Optional.empty();
  }

  /**
   * Letters and digits only, lower case, single spaces: "what city were you born in" for any
   * spelling of it.
   */
  static String normalise(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    return folded.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }
}
