package io.flinks4j.sandbox;

import static io.flinks4j.sandbox.FlinksHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sandbox.FlinksHttp.Reply;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FlinksSandboxExtension.class)
class MfaTest {

  private static final String CITY = "What city were you born in?";
  private static final String COUNTRY = "What is the best country on earth?";
  private static final String SHAPE = "What shape do people like most?";
  private static final Map<String, Object> RIGHT_ANSWERS =
      Map.of(CITY, List.of("Montreal"), COUNTRY, List.of("Canada"), SHAPE, List.of("Triangle"));

  private final FlinksSandbox sandbox;
  private final FlinksHttp http;

  MfaTest(FlinksSandbox sandbox) {
    this.sandbox = sandbox;
    this.http = new FlinksHttp(sandbox);
  }

  private Reply refreshGreatday() {
    Reply reply =
        http.authorize(
            body(
                "LoginId",
                sandbox.login("Greatday").loginId(),
                "MostRecentCached",
                false,
                "Save",
                true));
    assertThat(reply.status()).isEqualTo(203);
    return reply;
  }

  private Reply answer(String requestId, Object responses) {
    return http.authorize(body("RequestId", requestId, "SecurityResponses", responses));
  }

  @Test
  void live_login_with_credentials_of_greatday_asks_the_security_questions() {
    Reply reply =
        http.authorize(
            body("Institution", "FlinksCapital", "Username", "Greatday", "Password", "Everyday"));
    assertThat(reply.status()).isEqualTo(203);
    assertThat(reply.json().at("/SecurityChallenges/0/Type").asText())
        .isEqualTo("QuestionAndAnswer");
    assertThat(reply.json().at("/Links/0/rel").asText()).isEqualTo("Authorization");
    assertThat(reply.json().get("Institution").asText()).isEqualTo("FlinksCapital");
  }

  @Test
  void answers_are_matched_ignoring_case_and_surrounding_spaces() {
    Reply challenge = refreshGreatday();
    Reply reply =
        answer(
            challenge.requestId(),
            Map.of(
                CITY,
                List.of(" montreal "),
                COUNTRY,
                List.of("CANADA"),
                SHAPE,
                List.of("triangle")));
    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void a_wrong_answer_is_refused_with_invalid_security_response() {
    Reply challenge = refreshGreatday();
    Reply reply =
        answer(
            challenge.requestId(),
            Map.of(
                CITY, List.of("Toronto"), COUNTRY, List.of("Canada"), SHAPE, List.of("Triangle")));
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("INVALID_SECURITY_RESPONSE");
    assertThat(reply.json().get("HttpStatusCode").asInt()).isEqualTo(401);
  }

  @Test
  void after_a_failed_mfa_a_cached_authorize_answers_question_not_found_with_a_usable_request_id() {
    Reply challenge = refreshGreatday();
    answer(
        challenge.requestId(),
        Map.of(CITY, List.of("Paris"), COUNTRY, List.of("Canada"), SHAPE, List.of("Triangle")));

    Reply cached = http.authorizeCached(sandbox.login("Greatday").loginId());
    assertThat(cached.status()).isEqualTo(401);
    assertThat(cached.code()).isEqualTo("QUESTION_NOT_FOUND");
    assertThat(cached.requestId()).isNotBlank();
    assertThat(cached.json().at("/Login/LastRefresh").asText()).isNotBlank();

    sandbox.advanceClock(Duration.ofSeconds(5));
    assertThat(http.detail(cached.requestId()).status()).isEqualTo(200);
  }

  @Test
  void answering_only_some_prompts_is_refused_with_securityresponses_incomplete() {
    Reply challenge = refreshGreatday();
    Reply reply =
        answer(
            challenge.requestId(), Map.of(CITY, List.of("Montreal"), SHAPE, List.of("Triangle")));
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("SECURITYRESPONSES_INCOMPLETE");
  }

  @Test
  void an_answer_keyed_to_a_prompt_that_was_not_asked_is_refused_with_unknown_challenge_key() {
    Reply challenge = refreshGreatday();
    Reply reply =
        answer(
            challenge.requestId(),
            Map.of(
                CITY,
                List.of("Montreal"),
                "What is the best country on Earth?",
                List.of("Canada"),
                SHAPE,
                List.of("Triangle")));
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("UNKNOWN_CHALLENGE_KEY");
  }

  @Test
  void a_scalar_answer_instead_of_an_array_is_an_invalid_request() {
    Reply challenge = refreshGreatday();
    Reply reply =
        answer(
            challenge.requestId(), Map.of(CITY, "Montreal", COUNTRY, "Canada", SHAPE, "Triangle"));
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void the_mfa_answer_may_present_the_token_of_the_refresh_again() {
    String token = http.token();
    Reply challenge =
        http.post(
            "Authorize",
            Map.of("flinks-auth-key", token),
            body("LoginId", sandbox.login("Greatday").loginId(), "MostRecentCached", false));
    Reply reply =
        http.post(
            "Authorize",
            Map.of("flinks-auth-key", token),
            body("RequestId", challenge.requestId(), "SecurityResponses", RIGHT_ANSWERS));
    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void data_requested_before_mfa_is_answered_is_refused_with_unauthorized() {
    Reply challenge = refreshGreatday();
    Reply reply = http.detail(challenge.requestId());
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("UNAUTHORIZED");
  }

  @Test
  void a_login_with_several_rounds_asks_one_question_per_203_until_200() {
    SandboxLogin login = sandbox.createLogin(LoginSpec.named("three_rounds").withMfa(3));
    Reply reply = http.authorize(body("LoginId", login.loginId(), "MostRecentCached", false));
    String requestId = reply.requestId();
    for (int round = 0; round < 3; round++) {
      assertThat(reply.status()).isEqualTo(203);
      assertThat(reply.requestId()).isEqualTo(requestId);
      List<String> prompts = reply.json().findValuesAsText("Prompt");
      assertThat(prompts).hasSize(1);
      reply = answer(requestId, Map.of(prompts.getFirst(), RIGHT_ANSWERS.get(prompts.getFirst())));
    }
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.requestId()).isEqualTo(requestId);
  }

  @Test
  void answering_an_already_authorized_session_is_refused() {
    Reply challenge = refreshGreatday();
    answer(challenge.requestId(), RIGHT_ANSWERS);
    Reply again = answer(challenge.requestId(), RIGHT_ANSWERS);
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.code()).isEqualTo("ALREADY_AUTHORIZED");
  }

  @Test
  void stored_enhanced_mfa_answers_let_a_refresh_pass_without_a_203() {
    String loginId = sandbox.login("Greatday").loginId();
    Reply questions = http.send("GET", http.url("GetMFAQuestions/" + loginId), http.apiKey(), null);
    assertThat(questions.json().findValuesAsText("Question")).containsExactly(CITY, COUNTRY, SHAPE);

    Reply saved =
        http.send(
            "PATCH",
            http.url("AnswerMFAQuestions"),
            http.apiKey(),
            FlinksHttp.json(
                body(
                    "loginId",
                    loginId,
                    "Questions",
                    List.of(
                        Map.of("Question", CITY, "Answer", "Montreal"),
                        Map.of("Question", COUNTRY, "Answer", "Canada"),
                        Map.of("Question", SHAPE, "Answer", "Triangle")))));
    assertThat(saved.json().get("Message").asText()).isEqualTo("Answers updated");

    Reply refresh =
        http.authorize(body("LoginId", loginId, "MostRecentCached", false, "Save", true));
    assertThat(refresh.status()).isEqualTo(200);
  }

  @Test
  void a_stored_answer_missing_for_a_question_fails_the_refresh_with_question_not_found() {
    String loginId = sandbox.login("Greatday").loginId();
    http.send(
        "PATCH",
        http.url("AnswerMFAQuestions"),
        http.apiKey(),
        FlinksHttp.json(
            body(
                "LoginId",
                loginId,
                "Questions",
                List.of(Map.of("Question", CITY, "Answer", "Montreal")))));
    Reply refresh = http.authorize(body("LoginId", loginId, "MostRecentCached", false));
    assertThat(refresh.status()).isEqualTo(401);
    assertThat(refresh.code()).isEqualTo("QUESTION_NOT_FOUND");
  }
}
