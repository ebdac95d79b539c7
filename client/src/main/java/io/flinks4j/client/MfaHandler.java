package io.flinks4j.client;

import io.flinks4j.client.AuthorizeResult.MfaChallenge;
import io.flinks4j.client.model.MfaAnswer;
import io.flinks4j.client.model.SecurityChallenge;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers the bank's MFA questions during {@link FlinksClient#refresh}, round after round, or
 * declines so the caller gets a Connect relaunch URL instead (e.g. no user at the keyboard).
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
   * Answers challenge by challenge with typed answers, e.g. {@code switch (c) { case SingleChoice s
   * -> Optional.of(s.pick("Triangle")); ... }}; declines the round as soon as one challenge gets no
   * answer, since Flinks rejects partial answers.
   */
  static MfaHandler each(ChallengeAnswerer answerer) {
    return (challenge, round) -> {
      Map<String, List<String>> answers = new LinkedHashMap<>();
      for (SecurityChallenge c : challenge.challenges()) {
        Optional<MfaAnswer> answer =
            c.prompt() == null ? Optional.empty() : answerer.answer(c, round);
        if (answer.isEmpty()) {
          return Optional.empty();
        }
        answers.put(c.prompt(), answer.get().values());
      }
      return answers.isEmpty() ? Optional.empty() : Optional.of(answers);
    };
  }

  /**
   * Answers from a fixed prompt → answer table (e.g. {@code --mfa} options); a choice challenge
   * takes the text of a choice (comma separated for several). Declines as soon as a prompt has no
   * usable answer, since Flinks rejects partial answers.
   */
  static MfaHandler fixed(Map<String, String> answersByPrompt) {
    Map<String, String> table = Map.copyOf(answersByPrompt);
    return each(
        (c, round) -> Optional.ofNullable(table.get(c.prompt())).flatMap(c::answerFromText));
  }

  /** One challenge's typed answer, or empty to decline the round. */
  @FunctionalInterface
  interface ChallengeAnswerer {
    Optional<MfaAnswer> answer(SecurityChallenge challenge, int round);
  }
}
