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
class RetrievalFlowTest {

  private final FlinksSandbox sandbox;
  private final FlinksHttp http;

  RetrievalFlowTest(FlinksSandbox sandbox) {
    this.sandbox = sandbox;
    this.http = new FlinksHttp(sandbox);
  }

  @Test
  void cached_flow_answers_202_then_200_once_processing_is_over() {
    String loginId = sandbox.login("Greatday").loginId();
    Reply authorized = http.authorizeCached(loginId);
    assertThat(authorized.status()).isEqualTo(200);
    assertThat(authorized.json().get("HttpStatusCode").asInt()).isEqualTo(200);
    assertThat(authorized.json().at("/Login/Id").asText()).isEqualTo(loginId);
    assertThat(authorized.json().get("InstitutionId").asInt()).isEqualTo(14);

    Reply first = http.detail(authorized.requestId());
    assertThat(first.status()).isEqualTo(202);
    assertThat(first.code()).isEqualTo("OPERATION_PENDING");
    assertThat(first.json().get("HttpStatusCode").asInt()).isEqualTo(202);
    assertThat(http.detailAsync(authorized.requestId()).status()).isEqualTo(202);

    sandbox.advanceClock(Duration.ofSeconds(3));
    Reply ready = http.detailAsync(authorized.requestId());
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().get("HttpStatusCode").asInt()).isEqualTo(200);
    assertThat(ready.json().get("Accounts")).isNotEmpty();
    assertThat(ready.json().at("/Accounts/0/Transactions")).isNotEmpty();
    assertThat(ready.requestId()).isEqualTo(authorized.requestId());
  }

  @Test
  void live_login_with_credentials_of_a_user_without_mfa_answers_200() {
    Reply reply =
        http.authorize(
            body(
                "Institution",
                "FlinksCapital",
                "username",
                "greatday_nomfa",
                "Password",
                "Everyday",
                "MostRecentCached",
                false,
                "Save",
                true));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().at("/Login/Id").asText())
        .isEqualTo(sandbox.login("greatday_nomfa").loginId());
  }

  @Test
  void greatday_refresh_asks_three_questions_and_accepts_the_documented_answers() {
    String loginId = sandbox.login("Greatday").loginId();
    Reply challenge =
        http.authorize(body("LoginId", loginId, "MostRecentCached", false, "Save", true));
    assertThat(challenge.status()).isEqualTo(203);
    assertThat(challenge.json().get("HttpStatusCode").asInt()).isEqualTo(203);
    assertThat(challenge.json().findValuesAsText("Prompt"))
        .containsExactly(
            "What city were you born in?",
            "What is the best country on earth?",
            "What shape do people like most?");

    Reply answered =
        http.authorize(
            body(
                "RequestId",
                challenge.requestId(),
                "SecurityResponses",
                Map.of(
                    "What city were you born in?",
                    List.of("Montreal"),
                    "What is the best country on earth?",
                    List.of("Canada"),
                    "What shape do people like most?",
                    List.of("Triangle"))));
    assertThat(answered.status()).isEqualTo(200);
    assertThat(answered.requestId()).isEqualTo(challenge.requestId());
  }

  @Test
  void an_unknown_endpoint_answers_404_with_a_matching_body() {
    Reply reply = http.post("GetAccountsDetails", http.apiKey(), body("RequestId", "x"));
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().get("HttpStatusCode").asInt()).isEqualTo(404);
  }

  @Test
  void concurrent_pollers_of_one_session_all_get_the_same_payload() throws Exception {
    String requestId = http.readySession(sandbox.login("greatday_nomfa").loginId());
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      var replies = new java.util.ArrayList<java.util.concurrent.Future<Reply>>();
      for (int i = 0; i < 24; i++) {
        replies.add(pool.submit(() -> http.detailAsync(requestId)));
      }
      java.util.Set<String> bodies = new java.util.HashSet<>();
      for (var reply : replies) {
        assertThat(reply.get().status()).isEqualTo(200);
        bodies.add(reply.get().raw());
      }
      assertThat(bodies).hasSize(1);
    }
  }
}
