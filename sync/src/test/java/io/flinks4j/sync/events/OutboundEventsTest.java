package io.flinks4j.sync.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.EngineSettings;
import io.flinks4j.sync.EventReceiver;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.TestDialects;
import java.io.IOException;
import java.time.Clock;
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

/** Events to the lender's application: signed, retried, one id per event, on H2 and PostgreSQL. */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class OutboundEventsTest {

  private static final String SECRET = "lender-secret";

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  @Parameter Dialect dialect;

  static EngineFixture fixture;
  static EventReceiver lender;

  @BeforeParameterizedClassInvocation
  static void startService(Dialect dialect, FlinksSandbox sandbox) {
    lender = EventReceiver.start();
    fixture =
        EngineFixture.start(
            dialect,
            sandbox,
            Map.of(
                EngineSettings.EVENTS_URL,
                lender.url().toString(),
                EngineSettings.EVENTS_SECRET,
                SECRET,
                EngineSettings.EVENTS_RETRY_BASE,
                "100ms"));
  }

  @AfterParameterizedClassInvocation
  static void stopService() {
    fixture.close();
    lender.close();
  }

  private SandboxLogin newLogin() {
    return fixture
        .sandbox()
        .createLogin(
            LoginSpec.named("events-" + UUID.randomUUID())
                .withTransactionsPerYear(100)
                .withProcessingDelay(Duration.ZERO));
  }

  private List<EventReceiver.Delivery> deliveriesFor(String loginId, String type) {
    return lender.deliveries().stream()
        .filter(d -> {
          JsonNode event = json(d.body());
          return event.path("type").asText().equals(type)
              && event.path("data").path("loginId").asText().equals(loginId);
        })
        .toList();
  }

  private JsonNode json(byte[] body) {
    try {
      return fixture.json().readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void a_ready_retrieval_sends_login_ready_signed_over_timestamp_and_body() {
    SandboxLogin login = newLogin();
    fixture.register(login.loginId());

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> !deliveriesFor(login.loginId(), "login.ready").isEmpty());
    EventReceiver.Delivery delivery = deliveriesFor(login.loginId(), "login.ready").getFirst();

    EventSignature.verify(
        delivery.body(),
        delivery.header(EventSignature.HEADER),
        SECRET,
        EventSignature.DEFAULT_TOLERANCE,
        Clock.systemUTC());
    JsonNode event = json(delivery.body());
    assertThat(event.path("id").asText())
        .startsWith("evt_")
        .isEqualTo(delivery.header(EventSignature.EVENT_ID_HEADER));
    assertThat(event.path("data").path("state").asText()).isEqualTo("ready");
  }

  @Test
  void a_failing_receiver_gets_the_same_event_again_until_it_accepts_it() {
    lender.failNext(2);
    SandboxLogin login = newLogin();
    fixture.register(login.loginId());

    // The retrieval sends login.ready and transactions.updated; the two refusals fall on either.
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() ->
            deliveriesFor(login.loginId(), "login.ready").size()
                    + deliveriesFor(login.loginId(), "transactions.updated").size()
                == 4);
    List<String> ids = new ArrayList<>();
    for (String type : List.of("login.ready", "transactions.updated")) {
      List<String> sent =
          deliveriesFor(login.loginId(), type).stream()
              .map(d -> d.header(EventSignature.EVENT_ID_HEADER))
              .distinct()
              .toList();
      assertThat(sent).as(type).hasSize(1);
      ids.add(sent.getFirst());
    }

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() ->
            fixture.count(
                    "select sum(attempts) from outbound_events where id in (?, ?) and delivered_at is not null",
                    ids.get(0),
                    ids.get(1))
                == 4);
  }

  @Test
  void a_failed_retrieval_sends_login_failed_with_its_flinks_code() {
    SandboxLogin login = fixture.sandbox().login("test_disabled_account");
    fixture.register(login.loginId());

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> !deliveriesFor(login.loginId(), "login.failed").isEmpty());
    JsonNode event = json(deliveriesFor(login.loginId(), "login.failed").getFirst().body());

    assertThat(event.path("data").path("state").asText()).isEqualTo("failed");
    assertThat(event.path("data").path("flinksCode").asText()).isEqualTo("DISABLED_LOGIN");
  }

  @Test
  void a_live_refresh_asking_mfa_sends_login_mfa_required_with_the_prompts_and_relaunch_url() {
    SandboxLogin login =
        fixture
            .sandbox()
            .createLogin(
                LoginSpec.named("mfa-" + UUID.randomUUID())
                    .withTransactionsPerYear(100)
                    .withProcessingDelay(Duration.ZERO)
                    .withMfa(1));
    fixture.register(login.loginId());
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> !deliveriesFor(login.loginId(), "login.ready").isEmpty());

    fixture.post("/v1/logins/" + login.loginId() + "/refresh", "{\"live\":true}");

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> !deliveriesFor(login.loginId(), "login.mfa_required").isEmpty());
    JsonNode data =
        json(deliveriesFor(login.loginId(), "login.mfa_required").getFirst().body()).path("data");
    assertThat(data.path("challenges")).isNotEmpty();
    assertThat(data.path("relaunchUrl").asText()).contains("authorizeToken=");
    String token = data.path("relaunchUrl").asText().replaceAll(".*authorizeToken=([^&]+).*", "$1");
    assertThat(
            fixture.count(
                "select count(*) from outbound_events where body like ? or body like ?",
                "%" + token + "%",
                "%" + login.loginId() + "%"))
        .isZero();
  }
}
