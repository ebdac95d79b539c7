package io.flinks4j.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.client.polling.Backoff;
import io.flinks4j.client.polling.PollPolicy;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.events.EventSettings;
import io.flinks4j.sync.retrieval.RetrievalSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pacing settings keys map onto the one {@link PollPolicy}, with the same schedule as before.
 */
class PacingSettingsTest {

  @Test
  void retrieval_defaults_poll_as_flinks_documents() {
    PollPolicy polls = RetrievalSettings.defaults().polls();

    assertThat(polls).isEqualTo(PollPolicy.defaults());
    assertThat(polls.delay(1, new Random(1))).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void retrieval_keys_set_the_poll_interval_timeout_and_retry_backoff() {
    EngineSettings settings =
        EngineSettings.from(
            Settings.of(
                Map.of(
                    EngineSettings.POLL_INTERVAL, "3s",
                    EngineSettings.POLL_TIMEOUT, "5m",
                    EngineSettings.RETRY_BASE, "2s",
                    EngineSettings.RETRY_CAP, "1m")));

    PollPolicy polls = settings.retrieval().polls();
    PollPolicy retries = settings.retrieval().retries();
    assertThat(polls.interval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(polls.timeout()).contains(Duration.ofMinutes(5));
    assertThat(polls.jitter()).isZero();
    assertThat(retries.backoff())
        .isEqualTo(Backoff.exponential(Duration.ofSeconds(2), Duration.ofMinutes(1)));
    assertThat(retries.jitter()).isEqualTo(0.5);
    assertThat(retries.timeout()).contains(Duration.ofMinutes(5));
  }

  @Test
  void event_deliveries_double_from_the_base_to_the_cap_with_half_jitter() {
    EventSettings events =
        EventSettings.to(URI.create("https://lender.example/events"), "secret")
            .withRetries(12, Duration.ofSeconds(5), Duration.ofHours(1));
    PollPolicy retries = events.retries();
    Random random = new Random(11);

    for (int attempts = 1; attempts <= 15; attempts++) {
      Duration full = Duration.ofSeconds(5).multipliedBy(1L << Math.min(attempts - 1, 20));
      Duration cap = full.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : full;
      assertThat(retries.delay(attempts, random)).isBetween(cap.dividedBy(2), cap);
    }
    assertThat(retries.maxAttempts()).hasValue(12);
    assertThat(retries.timeout()).isEmpty();
  }

  @Test
  void webhook_apply_retries_keep_their_keys_and_schedule() {
    PollPolicy retries =
        EngineSettings.from(
                Settings.of(
                    Map.of(
                        EngineSettings.WEBHOOK_MAX_ATTEMPTS, "4",
                        EngineSettings.WEBHOOK_RETRY_BASE, "50ms")))
            .webhookRetries();

    assertThat(retries.maxAttempts()).hasValue(4);
    assertThat(retries.backoff())
        .isEqualTo(Backoff.exponential(Duration.ofMillis(50), Duration.ofHours(1)));
    assertThat(retries.jitter()).isEqualTo(0.5);
  }

  @Test
  void a_seeded_jitter_replays_the_same_schedule() {
    PollPolicy retries = RetrievalSettings.defaults().retries();
    Random a = new Random(5);
    Random b = new Random(5);

    for (int attempt = 1; attempt <= 10; attempt++) {
      assertThat(retries.delay(attempt, a)).isEqualTo(retries.delay(attempt, b));
    }
  }
}
