package io.flinks4j.client;

import io.flinks4j.client.AuthorizeResult.MfaChallenge;
import io.flinks4j.client.model.SecurityChallenge;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers the bank's MFA questions during {@link FlinksClient#refresh}, round after round, or declines so the caller
 * gets a Connect relaunch URL instead (e.g. no user at the keyboard).
 */
@FunctionalInterface
public interface MfaHandler {

  /**
   * Called for each 203.
   *
   * @param challenge the RequestId and the questions of this round
   * @param round 1 for the first 203 of the refresh, then 2, 3, ...
   * @return answers keyed by each challenge's exact prompt (all of them), or empty to decline
   */
  Optional<Map<String, List<String>>> answer(MfaChallenge challenge, int round);

  /** Never answers: every 203 becomes {@link RefreshResult.MfaRequired}. */
  static MfaHandler decline() {
    return (challenge, round) -> Optional.empty();
  }

  /**
   * Answers from a fixed prompt → answer table (e.g. {@code --mfa} options); declines as soon as a prompt has no
   * answer, since Flinks rejects partial answers.
   */
  static MfaHandler fixed(Map<String, String> answersByPrompt) {
    Map<String, String> table = Map.copyOf(answersByPrompt);
    return (challenge, round) -> {
      Map<String, List<String>> answers = new LinkedHashMap<>();
      for (SecurityChallenge c : challenge.challenges()) {
        String answer = c.prompt() == null ? null : table.get(c.prompt());
        if (answer == null) {
          return Optional.empty();
        }
        answers.put(c.prompt(), List.of(answer));
      }
      return answers.isEmpty() ? Optional.empty() : Optional.of(answers);
    };
  }
}
