package io.flinks4j.sync.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.EngineSettings;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.TestDialects;
import java.time.Duration;
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
 * {@code FLINKS4J_WEBHOOKS=primary}: a live refresh that got 202 waits for Flinks's webhook instead
 * of polling every interval, and a sparse fallback poll still completes it when the webhook never
 * comes.
 */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class WebhookPrimaryTest {

  /** Far above the fixture's 200 ms poll interval, so a poll before it would show in the counts. */
  private static final Duration FALLBACK = Duration.ofSeconds(4);

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  @Parameter Dialect dialect;

  static EngineFixture fixture;

  @BeforeParameterizedClassInvocation
  static void startService(Dialect dialect, FlinksSandbox sandbox) {
    fixture =
        EngineFixture.start(
            dialect,
            sandbox,
            Map.of(
                EngineSettings.WEBHOOKS,
                "primary",
                EngineSettings.WEBHOOK_FALLBACK_POLLS,
                FALLBACK.toSeconds() + "s"));
  }

  @AfterParameterizedClassInvocation
  static void stopService() {
    fixture.close();
  }

  private SandboxLogin newLiveLogin() {
    SandboxLogin login =
        fixture
            .sandbox()
            .createLogin(
                LoginSpec.named("primary-" + UUID.randomUUID())
                    .withTransactionsPerYear(200)
                    .withProcessingDelay(Duration.ofMillis(800)));
    fixture.register(login.loginId());
    awaitState(
        login.loginId(), RetrievalState.READY); // the first read is cached: it polls as usual
    return login;
  }

  private Retrieval liveRefresh(String loginId) {
    String first = fixture.retrieval(loginId).orElseThrow().id();
    assertThat(fixture.post("/v1/logins/" + loginId + "/refresh", "{\"live\":true}").status())
        .isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() ->
            fixture
                .retrieval(loginId)
                .filter(r -> !r.id().equals(first) && r.state() == RetrievalState.READY)
                .isPresent());
    return fixture.retrieval(loginId).orElseThrow();
  }

  /**
   * Calls the sandbox saw for the session's data: the first GetAccountsDetail and every Async poll.
   */
  private long dataCalls(Retrieval r) {
    return fixture.sandbox().requests().stream()
        .filter(q ->
            q.path().contains(r.requestId())
                || q.body() != null && q.body().contains(r.requestId()))
        .filter(q -> q.endpoint().startsWith("GetAccountsDetail"))
        .count();
  }

  private void awaitState(String loginId, RetrievalState state) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> fixture.retrieval(loginId).map(Retrieval::state).orElse(null) == state);
  }

  @Test
  void a_live_refresh_is_completed_by_its_webhook_without_a_single_poll() {
    fixture
        .sandbox()
        .configureWebhooks(
            fixture
                .sandbox()
                .webhookSettings()
                .withUrl(fixture.uri("/webhooks/flinks").toString()));
    SandboxLogin login = newLiveLogin();

    Retrieval ready = liveRefresh(login.loginId());

    assertThat(ready.mode()).isEqualTo(RetrievalMode.LIVE);
    assertThat(dataCalls(ready))
        .as("data calls of the live session: the first, then none")
        .isEqualTo(1);
    assertThat(fixture.sandbox().webhookDeliveries())
        .anySatisfy(d -> assertThat(d.delivered()).isTrue());
  }

  @Test
  void a_lost_webhook_is_made_up_for_by_the_fallback_poll() {
    fixture
        .sandbox()
        .configureWebhooks(fixture.sandbox().webhookSettings().withUrl("http://127.0.0.1:9/lost"));
    SandboxLogin login = newLiveLogin();

    Retrieval ready = liveRefresh(login.loginId());

    assertThat(dataCalls(ready))
        .as("data calls of the live session: the first, then the fallback poll")
        .isEqualTo(2);
    assertThat(Duration.between(ready.createdAt(), ready.completedAt()))
        .isGreaterThanOrEqualTo(FALLBACK);
    assertThat(fixture.transactionsOf(login.loginId()))
        .isEqualTo(fixture.sandbox().groundTruth(login.loginId()).transactionsLast90Days());
  }
}
