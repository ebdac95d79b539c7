package io.flinks4j.sync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinks4j.sync.config.ConfigException;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.testing.RawHttp;
import io.flinks4j.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failed authentications throttled per client address: over real sockets, and the throttle's own
 * bounds.
 */
class AuthThrottleTest {

  private static final String KEY = "throttle-key-abcdefghijklmnop";
  private static final String WRONG = "Bearer wrong-secret-abcdefghijklmnop";
  private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private ApiServer server;

  @BeforeEach
  void start() {
    SyncConfig config =
        SyncConfig.from(
            Settings.of(
                Map.of(
                    SyncConfig.API_KEYS, KEY,
                    SyncConfig.HOST, "127.0.0.1",
                    SyncConfig.PORT, "0",
                    HttpSettings.AUTH_FAILURE_LIMIT, "3",
                    HttpSettings.AUTH_FAILURE_WINDOW, "10m",
                    HttpSettings.TRUSTED_PROXIES, "127.0.0.1")));
    server =
        ApiServer.builder(config)
            .clock(clock)
            .routes(router ->
                router.get(
                    "/v1/things",
                    Operation.summary("Things").response(200, "Things"),
                    ctx -> ctx.json(Map.of("things", 0))))
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void an_address_that_failed_the_limit_gets_429_even_with_the_right_key_until_its_window_ends()
      throws Exception {
    try (RawHttp attacker = RawHttp.connectFrom("127.0.0.2", server.port())) {
      for (int i = 0; i < 3; i++) {
        assertThat(attacker.get("/v1/things", WRONG).status()).isEqualTo(401);
      }
      clock.advance(Duration.ofMinutes(4));

      RawHttp.Response refused = attacker.get("/v1/things", "Bearer " + KEY);

      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.header("Retry-After")).isEqualTo("360");
      assertThat(refused.body()).contains("\"code\":\"too_many_requests\"");
      clock.advance(Duration.ofMinutes(6));
      assertThat(attacker.get("/v1/things", "Bearer " + KEY).status()).isEqualTo(200);
    }
  }

  @Test
  void other_addresses_still_authenticate_while_one_is_throttled() throws Exception {
    try (RawHttp attacker = RawHttp.connectFrom("127.0.0.2", server.port());
        RawHttp neighbour = RawHttp.connectFrom("127.0.0.3", server.port())) {
      for (int i = 0; i < 4; i++) {
        attacker.get("/v1/things", WRONG);
      }

      assertThat(neighbour.get("/v1/things", "Bearer " + KEY).status()).isEqualTo(200);
      assertThat(attacker.get("/v1/things", "Bearer " + KEY).status()).isEqualTo(429);
    }
  }

  @Test
  void
      behind_a_trusted_proxy_the_forwarded_address_is_throttled_and_a_spoofed_prefix_does_not_help()
          throws Exception {
    try (RawHttp proxy = RawHttp.connect(server.port())) {
      for (int i = 0; i < 3; i++) {
        assertThat(forwarded(proxy, "203.0.113.7", WRONG).status()).isEqualTo(401);
      }

      assertThat(forwarded(proxy, "203.0.113.7", "Bearer " + KEY).status()).isEqualTo(429);
      // The client wrote the left part itself; the proxy appended the address it saw.
      assertThat(forwarded(proxy, "198.51.100.1, 203.0.113.7", "Bearer " + KEY).status())
          .isEqualTo(429);
      assertThat(forwarded(proxy, "203.0.113.8", "Bearer " + KEY).status()).isEqualTo(200);
    }
  }

  @Test
  void throttled_requests_are_counted_and_the_limit_is_logged_with_the_address_never_the_key()
      throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try (RawHttp attacker = RawHttp.connectFrom("127.0.0.4", server.port())) {
      for (int i = 0; i < 5; i++) {
        attacker.get("/v1/things", WRONG);
      }
    } finally {
      System.setErr(original);
    }

    assertThat(server.meterRegistry().scrape())
        .containsPattern("flinks4j_http_auth_failures_total\\{reason=\"throttled\"} 2")
        .containsPattern("flinks4j_http_auth_failures_total\\{reason=\"invalid_key\"} 3");
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("3 failed authentications from 127.0.0.4")
        .doesNotContain("wrong-secret");
  }

  @Test
  void memory_stays_bounded_when_an_attacker_rotates_addresses() {
    AuthThrottle throttle = new AuthThrottle(3, Duration.ofMinutes(1), 100, clock);

    for (int i = 0; i < 50_000; i++) {
      throttle.failed("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
    }

    assertThat(throttle.tracked()).isEqualTo(100);
  }

  @Test
  void ipv6_addresses_of_one_64_prefix_share_a_count() {
    AuthThrottle throttle = new AuthThrottle(3, Duration.ofMinutes(1), 100, clock);

    throttle.failed("2001:db8:0:1::1");
    throttle.failed("2001:db8:0:1::2");
    throttle.failed("2001:db8:0:1:ffff::3");

    assertThat(throttle.refusedFor("2001:db8:0:1::99")).isPresent();
    assertThat(throttle.refusedFor("2001:db8:0:2::1")).isEmpty();
  }

  @Test
  void a_limit_of_zero_never_throttles() {
    AuthThrottle throttle = new AuthThrottle(0, Duration.ofMinutes(1), 100, clock);

    for (int i = 0; i < 100; i++) {
      throttle.failed("192.0.2.1");
    }

    assertThat(throttle.refusedFor("192.0.2.1")).isEmpty();
    assertThat(throttle.tracked()).isZero();
  }

  @Test
  void trusted_proxies_must_be_ip_addresses_and_are_never_looked_up() {
    for (String bad : new String[] {"proxy.internal", "abc", "10.0.0.0/8", "300.1.1.1"}) {
      assertThatThrownBy(
              () -> HttpSettings.from(Settings.of(Map.of(HttpSettings.TRUSTED_PROXIES, bad))))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(HttpSettings.TRUSTED_PROXIES);
    }
    assertThat(
            HttpSettings.from(Settings.of(Map.of(HttpSettings.TRUSTED_PROXIES, "127.0.0.1, [::1]")))
                .trustedProxies())
        .containsExactlyInAnyOrder("127.0.0.1", "0:0:0:0:0:0:0:1");
  }

  private static RawHttp.Response forwarded(
      RawHttp proxy, String forwardedFor, String authorization) throws Exception {
    return proxy.send(
        "GET /v1/things HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: "
            + forwardedFor
            + "\r\nAuthorization: "
            + authorization,
        null);
  }
}
