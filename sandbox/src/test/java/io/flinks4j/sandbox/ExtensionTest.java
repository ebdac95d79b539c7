package io.flinks4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionTest {

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS =
      FlinksSandboxExtension.withOptions(b -> b.processingDelay(Duration.ZERO));

  private static FlinksSandbox first;

  @Test
  @Order(1)
  void options_given_to_the_extension_apply_to_its_sandbox(FlinksSandbox sandbox) {
    first = sandbox;
    FlinksHttp http = new FlinksHttp(sandbox);
    String requestId = http.authorizeCached(sandbox.login("greatday_nomfa").loginId()).requestId();
    assertThat(http.detail(requestId).status()).isEqualTo(200);
    sandbox.createLogin(LoginSpec.named("left_behind"));
    sandbox.advanceClock(Duration.ofHours(1));
  }

  @Test
  @Order(2)
  void the_sandbox_is_reset_between_tests(FlinksSandbox sandbox) {
    assertThat(sandbox.logins()).extracting(SandboxLogin::username).doesNotContain("left_behind");
    assertThat(sandbox.clock().offset()).isZero();
    assertThat(sandbox.requests()).isEmpty();
  }

  @Test
  @Order(3)
  void every_test_of_the_class_gets_the_same_running_sandbox(FlinksSandbox sandbox) {
    assertThat(sandbox).isSameAs(first);
    assertThat(sandbox.logins())
        .hasSize(io.flinks4j.sandbox.engine.SandboxEngine.TEST_USERS.size());
  }
}
