package io.flinks4j.sync.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");

  @Test
  void a_burst_goes_through_then_the_next_call_is_told_how_long_to_wait() {
    MutableClock clock = new MutableClock(START);
    RateLimiter limiter = new RateLimiter(10, 3, clock);

    assertThat(limiter.tryAcquire()).isZero();
    assertThat(limiter.tryAcquire()).isZero();
    assertThat(limiter.tryAcquire()).isZero();
    assertThat(limiter.tryAcquire()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void permits_come_back_at_the_configured_rate() {
    MutableClock clock = new MutableClock(START);
    RateLimiter limiter = new RateLimiter(10, 1, clock);
    limiter.tryAcquire();

    clock.advance(Duration.ofMillis(50));
    assertThat(limiter.tryAcquire()).isEqualTo(Duration.ofMillis(50));
    clock.advance(Duration.ofMillis(50));
    assertThat(limiter.tryAcquire()).isZero();
  }

  @Test
  void a_step_making_several_calls_takes_as_many_permits() {
    MutableClock clock = new MutableClock(START);
    RateLimiter limiter = new RateLimiter(10, 5, clock);

    assertThat(limiter.tryAcquire(3)).isZero();
    assertThat(limiter.tryAcquire(3)).isEqualTo(Duration.ofMillis(100));
    assertThat(limiter.tryAcquire(2)).isZero();
    assertThat(limiter.tryAcquire()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void a_request_larger_than_the_burst_still_goes_through_once_the_bucket_is_full() {
    RateLimiter limiter = new RateLimiter(10, 1, new MutableClock(START));

    assertThat(limiter.tryAcquire(3)).isZero();
  }

  @Test
  void a_zero_rate_means_unlimited() {
    RateLimiter limiter = new RateLimiter(0, 1, new MutableClock(START));

    for (int i = 0; i < 1_000; i++) {
      assertThat(limiter.tryAcquire()).isZero();
    }
  }
}
