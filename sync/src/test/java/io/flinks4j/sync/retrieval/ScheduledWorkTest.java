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
 * Work that happens without an API call: scheduled refreshes and the expiry of an unanswered MFA.
 */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class ScheduledWorkTest {

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
                EngineSettings.CACHED_REFRESH, "3s",
                EngineSettings.REFRESH_TICK, "200ms",
                EngineSettings.MFA_TIMEOUT, "1s"));
  }

  @AfterParameterizedClassInvocation
  static void stopService() {
    fixture.close();
  }

  private long retrievals(String loginId, String condition) {
    return fixture.count(
        "select count(*) from retrievals where login_id = ? and " + condition,
        fixture.loginRef(loginId));
  }

  @Test
  void a_registered_login_is_read_again_from_the_cache_on_its_period() {
    SandboxLogin login =
        fixture
            .sandbox()
            .createLogin(
                LoginSpec.named("sched-" + UUID.randomUUID())
                    .withTransactionsPerYear(50)
                    .withProcessingDelay(Duration.ZERO));
    fixture.register(login.loginId());

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> retrievals(login.loginId(), "state = 'ready' and mode = 'cached'") >= 2);
    assertThat(fixture.transactionsOf(login.loginId()))
        .isEqualTo(fixture.sandbox().groundTruth(login.loginId()).transactionsLast90Days());
  }

  @Test
  void an_mfa_left_unanswered_ends_timed_out_and_frees_the_login() {
    SandboxLogin login =
        fixture
            .sandbox()
            .createLogin(
                LoginSpec.named("mfa-" + UUID.randomUUID())
                    .withTransactionsPerYear(50)
                    .withProcessingDelay(Duration.ZERO)
                    .withMfa(1));
    fixture.register(login.loginId());
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> retrievals(login.loginId(), "state = 'ready'") >= 1);

    assertThat(
            fixture.post("/v1/logins/" + login.loginId() + "/refresh", "{\"live\":true}").status())
        .isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> retrievals(login.loginId(), "mode = 'live' and state = 'timed_out'") == 1);
    assertThat(retrievals(login.loginId(), "mode = 'live' and active_login_id is not null"))
        .isZero();
  }
}
