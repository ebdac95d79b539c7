package io.flinks4j.sync.events;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventSignatureTest {

  private static final byte[] BODY =
      "{\"id\":\"evt_1\",\"type\":\"login.ready\"}".getBytes(StandardCharsets.UTF_8);
  private static final Instant SENT = Instant.parse("2026-11-25T12:00:00Z");
  private static final Clock RECEIVED = Clock.fixed(SENT.plusSeconds(30), ZoneOffset.UTC);

  @Test
  void a_signature_made_with_the_shared_secret_verifies() {
    String header = EventSignature.sign(BODY, "secret", SENT);

    assertThatCode(
            () -> EventSignature.verify(BODY, header, "secret", Duration.ofMinutes(5), RECEIVED))
        .doesNotThrowAnyException();
  }

  @Test
  void a_changed_body_does_not_verify() {
    String header = EventSignature.sign(BODY, "secret", SENT);
    byte[] tampered =
        "{\"id\":\"evt_1\",\"type\":\"login.failed\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() ->
            EventSignature.verify(tampered, header, "secret", Duration.ofMinutes(5), RECEIVED))
        .isInstanceOf(EventSignatureException.class)
        .hasMessageContaining("does not match");
  }

  @Test
  void another_secret_does_not_verify() {
    String header = EventSignature.sign(BODY, "secret", SENT);

    assertThatThrownBy(
            () -> EventSignature.verify(BODY, header, "other", Duration.ofMinutes(5), RECEIVED))
        .isInstanceOf(EventSignatureException.class);
  }

  @Test
  void a_replay_outside_the_window_is_refused() {
    String header = EventSignature.sign(BODY, "secret", SENT);
    Clock muchLater = Clock.fixed(SENT.plus(Duration.ofMinutes(6)), ZoneOffset.UTC);

    assertThatThrownBy(
            () -> EventSignature.verify(BODY, header, "secret", Duration.ofMinutes(5), muchLater))
        .isInstanceOf(EventSignatureException.class)
        .hasMessageContaining("replay window");
  }

  @Test
  void a_moved_timestamp_does_not_verify() {
    String header = EventSignature.sign(BODY, "secret", SENT);
    String moved = header.replace("t=" + SENT.getEpochSecond(), "t=" + (SENT.getEpochSecond() + 1));

    assertThatThrownBy(
            () -> EventSignature.verify(BODY, moved, "secret", Duration.ofMinutes(5), RECEIVED))
        .isInstanceOf(EventSignatureException.class)
        .hasMessageContaining("does not match");
  }

  @Test
  void a_malformed_header_is_refused_with_a_clear_message() {
    assertThatThrownBy(
            () -> EventSignature.verify(BODY, "v1=zz", "secret", Duration.ofMinutes(5), RECEIVED))
        .isInstanceOf(EventSignatureException.class)
        .hasMessageContaining("malformed");
    assertThatThrownBy(
            () -> EventSignature.verify(BODY, null, "secret", Duration.ofMinutes(5), RECEIVED))
        .isInstanceOf(EventSignatureException.class)
        .hasMessageContaining("missing");
  }
}
