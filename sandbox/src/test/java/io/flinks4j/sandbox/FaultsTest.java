package io.flinks4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinks4j.sandbox.FlinksHttp.Reply;
import io.flinks4j.sandbox.fault.Fault;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FlinksSandboxExtension.class)
class FaultsTest {

  private final FlinksSandbox sandbox;
  private final FlinksHttp http;

  FaultsTest(FlinksSandbox sandbox) {
    this.sandbox = sandbox;
    this.http = new FlinksHttp(sandbox);
  }

  private Reply readyAsync() {
    String requestId = http.readySession(sandbox.login("greatday_nomfa").loginId());
    return http.detailAsync(requestId);
  }

  @Test
  void an_http_error_fault_answers_the_chosen_5xx() {
    sandbox.addFault(Fault.httpError(503).onEndpoint("GetAccountsDetailAsync"));
    assertThat(readyAsync().status()).isEqualTo(503);
  }

  @Test
  void a_500_fault_carries_an_aggregation_error_envelope() {
    sandbox.addFault(Fault.httpError(500).onEndpoint("GetAccountsDetailAsync"));
    Reply reply = readyAsync();
    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.code()).isEqualTo("AGGREGATION_ERROR");
    assertThat(reply.json().get("HttpStatusCode").asInt()).isEqualTo(500);
  }

  @Test
  void throttling_answers_401_too_many_requests() {
    sandbox.addFault(Fault.of(Fault.Kind.TOO_MANY_REQUESTS).onEndpoint("Authorize"));
    Reply reply = http.authorizeCached(sandbox.login("Greatday").loginId());
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("TOO_MANY_REQUESTS");
  }

  @Test
  void a_connection_reset_leaves_the_client_without_an_answer() {
    sandbox.addFault(Fault.of(Fault.Kind.CONNECTION_RESET).onEndpoint("GetAccountsDetailAsync"));
    assertThatThrownBy(this::readyAsync)
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void an_empty_body_fault_answers_200_with_nothing() {
    sandbox.addFault(Fault.of(Fault.Kind.EMPTY_BODY).onEndpoint("GetAccountsDetailAsync"));
    Reply reply = readyAsync();
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.raw()).isEmpty();
  }

  @Test
  void a_malformed_body_fault_answers_truncated_json() {
    sandbox.addFault(Fault.of(Fault.Kind.MALFORMED_BODY).onEndpoint("GetAccountsDetailAsync"));
    Reply reply = readyAsync();
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.raw()).startsWith("{\"HttpStatusCode\":200");
    assertThat(reply.json().isMissingNode()).isTrue();
  }

  @Test
  void a_latency_fault_delays_the_answer_which_then_proceeds() {
    sandbox.addFault(Fault.latency(Duration.ofMillis(300)).onEndpoint("GetAccountsDetailAsync"));
    String requestId = http.readySession(sandbox.login("greatday_nomfa").loginId());
    long start = System.nanoTime();
    Reply reply = http.detailAsync(requestId);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void a_fault_with_times_fires_that_many_times_then_stops() {
    sandbox.addFault(Fault.httpError(502).onEndpoint("GenerateAuthorizeToken").times(2));
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      statuses.add(
          http.post(
                  "GenerateAuthorizeToken",
                  java.util.Map.of("flinks-auth-key", sandbox.secretKey()),
                  null)
              .status());
    }
    assertThat(statuses).containsExactly(502, 502, 200);
  }

  @Test
  void a_probabilistic_fault_with_a_seed_fires_on_the_same_requests_every_run() {
    List<Integer> first = statusesWithSeededFault();
    sandbox.reset();
    List<Integer> second = statusesWithSeededFault();
    assertThat(first).isEqualTo(second).contains(200, 503);
  }

  private List<Integer> statusesWithSeededFault() {
    sandbox.addFault(
        Fault.httpError(503).onEndpoint("GenerateAuthorizeToken").withProbability(0.5, 99));
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      statuses.add(
          http.post(
                  "GenerateAuthorizeToken",
                  java.util.Map.of("flinks-auth-key", sandbox.secretKey()),
                  null)
              .status());
    }
    return statuses;
  }

  @Test
  void a_login_scoped_fault_spares_other_logins() {
    sandbox.addFault(Fault.httpError(503).forLogin(sandbox.login("test_pending").loginId()));
    assertThat(http.authorizeCached(sandbox.login("test_pending").loginId()).status())
        .isEqualTo(503);
    assertThat(http.authorizeCached(sandbox.login("Greatday").loginId()).status()).isEqualTo(200);
  }

  @Test
  void clearing_faults_restores_normal_answers() {
    sandbox.addFault(Fault.httpError(503));
    sandbox.clearFaults();
    assertThat(
            http.post(
                    "GenerateAuthorizeToken",
                    java.util.Map.of("flinks-auth-key", sandbox.secretKey()),
                    null)
                .status())
        .isEqualTo(200);
  }
}
