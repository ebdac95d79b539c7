package io.flinks4j.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The security questions Flinks stores for a login (Enhanced MFA, Canada), reached as {@code
 * flinks.mfaQuestions()}: {@code /GetMFAQuestions} and {@code /AnswerMFAQuestions}.
 */
public final class MfaQuestionsResource {
  private final Transport transport;

  MfaQuestionsResource(Transport transport) {
    this.transport = transport;
  }

  /**
   * {@code GET /GetMFAQuestions/{loginId}}: the security questions Flinks stored for a login.
   *
   * @return the question texts, in Flinks' order
   */
  public List<String> list(String loginId) {
    AuthorizeRequest.requireText(loginId, "loginId");
    return transport.send(
        ApiRequest.to(Endpoints.GET_MFA_QUESTIONS)
            .withPathParameter("loginId", loginId)
            .withSecrets(List.of(loginId)));
  }

  /**
   * {@code PATCH /AnswerMFAQuestions}: stores answers Flinks will use at the next live call (only
   * simple questions; the answers are validated then, not now).
   *
   * @param answers question text, exactly as returned by {@link #list}, to answer
   */
  public void answer(String loginId, Map<String, String> answers) {
    AuthorizeRequest.requireText(loginId, "loginId");
    Objects.requireNonNull(answers, "answers");
    List<Map<String, String>> questions = new ArrayList<>();
    answers.forEach((question, answer) -> {
      Map<String, String> entry = new LinkedHashMap<>();
      entry.put("Question", question);
      entry.put("Answer", answer);
      questions.add(entry);
    });
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("LoginId", loginId);
    body.put("Questions", questions);
    List<String> secrets = new ArrayList<>(answers.values());
    secrets.add(loginId);
    transport.send(
        ApiRequest.to(Endpoints.ANSWER_MFA_QUESTIONS).withBody(body).withSecrets(secrets));
  }

  @Override
  public String toString() {
    return "MfaQuestionsResource";
  }
}
