package io.flinks4j.sync.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.MfaType;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.TestDialects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Choice-type MFA through the service: sandbox → sync → /v1 shows the choices and takes the answers
 * (H2, PG).
 */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class MfaChoicesFlowTest {

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  @Parameter Dialect dialect;

  static EngineFixture fixture;

  @BeforeParameterizedClassInvocation
  static void startService(Dialect dialect, FlinksSandbox sandbox) {
    fixture = EngineFixture.start(dialect, sandbox, Map.of());
  }

  @AfterParameterizedClassInvocation
  static void stopService() {
    fixture.close();
  }

  /** A login of {@code type} whose live refresh now waits for MFA; returns its loginId. */
  private String waitingForMfa(MfaType type) {
    SandboxLogin login =
        fixture
            .sandbox()
            .createLogin(
                LoginSpec.named("choice-" + UUID.randomUUID())
                    .withTransactionsPerYear(100)
                    .withProcessingDelay(Duration.ZERO)
                    .withMfa(type));
    fixture.register(login.loginId());
    awaitState(login.loginId(), "ready");
    fixture.post("/v1/logins/" + login.loginId() + "/refresh", "{\"live\":true}");
    awaitState(login.loginId(), "mfa_required");
    return login.loginId();
  }

  private void awaitState(String loginId, String state) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> state.equals(fixture.get("/v1/logins/" + loginId).body().path("state").asText()));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void a_multiple_answer_challenge_shows_its_choices_and_takes_several_answers() {
    String loginId = waitingForMfa(MfaType.MULTIPLE_CHOICE_MULTIPLE_ANSWERS);

    JsonNode challenge = fixture.get("/v1/logins/" + loginId).body().path("mfaChallenges").get(0);
    assertThat(challenge.path("type").asText()).isEqualTo("MultipleChoiceMultipleAnswers");
    assertThat(texts(challenge.path("choices")))
        .containsExactly("Montreal", "Toronto", "Vancouver", "Calgary");
    String prompt = challenge.path("prompt").asText();

    var response =
        fixture.post(
            "/v1/logins/" + loginId + "/mfa",
            "{\"answers\":{" + quoted(prompt) + ":[\"montreal\",\" Toronto\"]}}");
    assertThat(response.status()).isEqualTo(202);
    awaitState(loginId, "ready");
  }

  @Test
  void a_choice_that_is_not_offered_is_refused_before_reaching_flinks() {
    String loginId = waitingForMfa(MfaType.MULTIPLE_CHOICE);
    JsonNode challenge = fixture.get("/v1/logins/" + loginId).body().path("mfaChallenges").get(0);
    String prompt = challenge.path("prompt").asText();

    var notOffered =
        fixture.post(
            "/v1/logins/" + loginId + "/mfa", "{\"answers\":{" + quoted(prompt) + ":\"Oval\"}}");
    assertThat(notOffered.status()).isEqualTo(400);
    assertThat(notOffered.body().path("error").path("code").asText())
        .isEqualTo("invalid_mfa_answers");
    var two =
        fixture.post(
            "/v1/logins/" + loginId + "/mfa",
            "{\"answers\":{" + quoted(prompt) + ":[\"Circle\",\"Triangle\"]}}");
    assertThat(two.status()).isEqualTo(400);
    assertThat(fixture.get("/v1/logins/" + loginId).body().path("state").asText())
        .isEqualTo("mfa_required");

    var right =
        fixture.post(
            "/v1/logins/" + loginId + "/mfa",
            "{\"answers\":{" + quoted(prompt) + ":\"triangle\"}}");
    assertThat(right.status()).isEqualTo(202);
    awaitState(loginId, "ready");
  }

  @Test
  void a_text_question_has_no_choices_field() {
    String loginId = waitingForMfa(MfaType.QUESTION_AND_ANSWER);
    JsonNode challenge = fixture.get("/v1/logins/" + loginId).body().path("mfaChallenges").get(0);
    assertThat(challenge.path("type").asText()).isEqualTo("QuestionAndAnswer");
    assertThat(challenge.has("choices")).isFalse();
  }

  private static String quoted(String text) {
    try {
      return fixture.json().writeValueAsString(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
