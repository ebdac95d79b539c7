package io.flinks4j.cli.fetch;

import io.flinks4j.cli.Console;
import io.flinks4j.cli.options.UsageException;
import io.flinks4j.client.AuthorizeResult.MfaChallenge;
import io.flinks4j.client.MfaHandler;
import io.flinks4j.client.model.SecurityChallenge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Answers the bank's MFA questions for the command line, round after round: from the {@code --mfa PROMPT=ANSWER}
 * options first, then by asking the person at the terminal; declines (so the caller prints a Connect relaunch URL)
 * when a question has no answer and nobody can type one.
 */
final class AnswerSource implements MfaHandler {
  private final List<String> given;
  private final Console console;

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

  @Override
  public Optional<Map<String, List<String>>> answer(MfaChallenge challenge, int round) {
    Map<String, List<String>> answers = new LinkedHashMap<>();
    for (SecurityChallenge question : challenge.challenges()) {
      String prompt = question.prompt();
      if (prompt == null) {
        return Optional.empty(); // a challenge kind we cannot show; only Connect can handle it
      }
      Optional<String> answer = fromOptions(prompt).or(() -> ask(prompt, round));
      if (answer.isEmpty()) {
        return Optional.empty(); // Flinks refuses partial answers
      }
      answers.put(prompt, List.of(answer.get()));
    }
    return answers.isEmpty() ? Optional.empty() : Optional.of(answers);
  }

  // The option is split at the prompt the bank actually asked, so prompts and answers may both contain '='.
  // Flinks needs the prompt verbatim; a case or spacing slip on the command line is forgiven here.
  private Optional<String> fromOptions(String prompt) {
    for (String option : given) {
      if (option.startsWith(prompt + "=")) {
        return Optional.of(option.substring(prompt.length() + 1));
      }
    }
    String loose = normalise(prompt);
    List<String> candidates = new ArrayList<>();
    for (String option : given) {
      int eq = option.lastIndexOf('=');
      if (normalise(option.substring(0, eq)).equals(loose)) {
        candidates.add(option.substring(eq + 1));
      }
    }
    return candidates.size() == 1 ? Optional.of(candidates.getFirst()) : Optional.empty();
  }

  private Optional<String> ask(String prompt, int round) {
    if (!console.isInteractive()) {
      return Optional.empty();
    }
    console.err().print("Security question" + (round > 1 ? " (round " + round + ")" : "") + ": " + prompt + " ");
    console.err().flush();
    return console.readLine().map(String::strip).filter(line -> !line.isEmpty());
  }

  private static String normalise(String text) {
    return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
