package io.flinks4j.sync.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-11-25T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void a_burst_goes_through_then_the_next_call_is_told_how_long_to_wait() {
    ManualClock clock = new ManualClock();
    RateLimiter limiter = new RateLimiter(10, 3, clock);

    assertThat(limiter.tryAcquire()).isZero();
    assertThat(limiter.tryAcquire()).isZero();
    assertThat(limiter.tryAcquire()).isZero();
    assertThat(limiter.tryAcquire()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void permits_come_back_at_the_configured_rate() {
    ManualClock clock = new ManualClock();
    RateLimiter limiter = new RateLimiter(10, 1, clock);
    limiter.tryAcquire();

    clock.advance(Duration.ofMillis(50));
    assertThat(limiter.tryAcquire()).isEqualTo(Duration.ofMillis(50));
    clock.advance(Duration.ofMillis(50));
    assertThat(limiter.tryAcquire()).isZero();
  }

  @Test
  void a_step_making_several_calls_takes_as_many_permits() {
    ManualClock clock = new ManualClock();
    RateLimiter limiter = new RateLimiter(10, 5, clock);

    assertThat(limiter.tryAcquire(3)).isZero();
    assertThat(limiter.tryAcquire(3)).isEqualTo(Duration.ofMillis(100));
    assertThat(limiter.tryAcquire(2)).isZero();
    assertThat(limiter.tryAcquire()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void a_request_larger_than_the_burst_still_goes_through_once_the_bucket_is_full() {
    RateLimiter limiter = new RateLimiter(10, 1, new ManualClock());

    assertThat(limiter.tryAcquire(3)).isZero();
  }

  @Test
  void a_zero_rate_means_unlimited() {
    RateLimiter limiter = new RateLimiter(0, 1, new ManualClock());

    for (int i = 0; i < 1_000; i++) {
      assertThat(limiter.tryAcquire()).isZero();
    }
  }
}
