package io.flinks4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sandbox.FlinksHttp.Reply;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FlinksSandboxExtension.class)
class SessionExpiryTest {

  private final FlinksSandbox sandbox;
  private final FlinksHttp http;

  SessionExpiryTest(FlinksSandbox sandbox) {
    this.sandbox = sandbox;
    this.http = new FlinksHttp(sandbox);
  }

  private String session() {
    return http.authorizeCached(sandbox.login("greatday_nomfa").loginId()).requestId();
  }

  @Test
  void an_unknown_request_id_is_refused_with_session_nonexistent() {
    Reply reply = http.detail("9022abc2-8a2e-4b06-a06e-c3e5449c4d10");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("SESSION_NONEXISTENT");
    assertThat(reply.json().get("HttpStatusCode").asInt()).isEqualTo(400);
  }

  @Test
  void a_request_id_left_idle_for_more_than_8_minutes_expires() {
    String requestId = session();
    sandbox.advanceClock(Duration.ofMinutes(8).plusSeconds(1));
    Reply reply = http.detail(requestId);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("SESSION_EXPIRED");
  }

  @Test
  void a_request_id_used_within_8_minutes_is_alive() {
    String requestId = session();
    sandbox.advanceClock(Duration.ofMinutes(7));
    assertThat(http.detail(requestId).status()).isEqualTo(200);
  }

  @Test
  void once_data_was_requested_the_request_id_lives_30_minutes_then_expires() {
    String requestId = session();
    assertThat(http.detail(requestId).status()).isEqualTo(202);
    sandbox.advanceClock(Duration.ofMinutes(29));
    assertThat(http.detailAsync(requestId).status()).isEqualTo(200);
    sandbox.advanceClock(Duration.ofMinutes(1).plusSeconds(1));
    Reply reply = http.detailAsync(requestId);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("SESSION_EXPIRED");
  }

  @Test
  void an_mfa_session_left_unanswered_for_8_minutes_expires() {
    String requestId =
        http.authorize(
                FlinksHttp.body(
                    "LoginId", sandbox.login("Greatday").loginId(), "MostRecentCached", false))
            .requestId();
    sandbox.advanceClock(Duration.ofMinutes(9));
    Reply reply =
        http.authorize(
            FlinksHttp.body(
                "RequestId",
                requestId,
                "SecurityResponses",
                java.util.Map.of("What city were you born in?", java.util.List.of("Montreal"))));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("SESSION_EXPIRED");
  }
}
