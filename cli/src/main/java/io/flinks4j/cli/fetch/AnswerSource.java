package io.flinks4j.cli.fetch;

import io.flinks4j.cli.Console;
import io.flinks4j.cli.options.UsageException;
import io.flinks4j.client.AuthorizeResult.MfaChallenge;
import io.flinks4j.client.model.SecurityChallenge;
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
 * Answers the bank's MFA questions for the command line, round after round: from the {@code --mfa PROMPT=ANSWER}
 * options first (prompts matched forgivingly), then by asking the person at the terminal; declines (so the caller
 * prints a Connect relaunch URL) when a question has no answer and nobody can type one, remembering which prompts
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
        throw new UsageException("Invalid value for --mfa: expected PROMPT=ANSWER, e.g. "
            + "--mfa \"What city were you born in?=Montreal\"");
      }
    }
    this.given = List.copyOf(mfaOptions);
    this.console = console;
  }

  /**
   * Answers for every question of this challenge, or empty to decline.
   *
   * @param attempt 1 the first time these questions are answered; above 1 after the bank refused the answers, when
   *     the {@code --mfa} values proved wrong and only the person at the terminal can try again
   */
  Optional<Map<String, List<String>>> answer(MfaChallenge challenge, int round, int attempt) {
    Map<String, List<String>> answers = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (SecurityChallenge question : challenge.challenges()) {
      String prompt = question.prompt();
      if (prompt == null) {
        return Optional.empty(); // a challenge kind we cannot show; only Connect can handle it
      }
      Optional<String> answer = (attempt == 1 ? fromOptions(prompt) : Optional.<String>empty())
          .or(() -> ask(prompt, round));
      if (answer.isEmpty()) {
        missing.add(prompt);
      } else {
        answers.put(prompt, List.of(answer.get()));
      }
    }
    unanswered = List.copyOf(missing);
    // Flinks refuses partial answers.
    return answers.isEmpty() || !missing.isEmpty() ? Optional.empty() : Optional.of(answers);
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

  // An option is split at whichever '=' makes its left side the prompt, so prompts and answers may both contain '='.
  // Flinks needs the prompt verbatim; case, spacing and punctuation slips on the command line are forgiven here.
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

  private Optional<String> ask(String prompt, int round) {
    if (!console.isInteractive()) {
      return Optional.empty();
    }
    console.err().print("Security question" + (round > 1 ? " (round " + round + ")" : "") + ": " + prompt + " ");
    console.err().flush();
    return console.readLine().map(String::strip).filter(line -> !line.isEmpty());
  }

  /** Letters and digits only, lower case, single spaces: "what city were you born in" for any spelling of it. */
  static String normalise(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    return folded.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }
}
