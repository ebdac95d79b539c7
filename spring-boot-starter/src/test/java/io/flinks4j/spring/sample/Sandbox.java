package io.flinks4j.spring.sample;

import io.flinks4j.sandbox.FlinksSandbox;
import java.time.Duration;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One sandbox for the sample application's tests, started before the first context needs its URL.
 */
final class Sandbox {

  static final FlinksSandbox FLINKS =
      FlinksSandbox.builder().processingDelay(Duration.ofMillis(300)).start();

  private Sandbox() {}

  /** The {@code flinks.*} properties that point the application at the sandbox. */
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("flinks.base-url", FLINKS::baseUrl);
    registry.add("flinks.customer-id", FLINKS::customerId);
    registry.add("flinks.secret-key", FLINKS::secretKey);
    registry.add("flinks.api-key", FLINKS::apiKey);
    registry.add("flinks.connect-url", FLINKS::connectUrl);
    registry.add("flinks.webhook-key", FLINKS::webhookKey);
    registry.add("flinks.poll-interval", () -> "100ms");
  }
}
