package io.flinks4j.sync.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinks4j.sync.crypto.FieldCipher.Purpose;
import io.flinks4j.sync.idempotency.IdempotencyStore;
import io.flinks4j.sync.login.LoginRepository;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.TestDatabase;
import io.flinks4j.sync.testing.TestDialects;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * {@code rotate-key}'s work on H2 and PostgreSQL: data written under key version 1 (including rows
 * as 0.1 wrote them: clear bodies, format-1 ciphertexts, label-derived lookup hashes) is readable
 * under the ring {@code 2:new,1:old} before the rotation, and under {@code 2:new} alone after it.
 */
class KeyRotationTest {

  private static final String LEGACY_LOGIN = "5602459c-f6d0-4ca0-6750-08dccdcadcc0";
  private static final String LOGIN = "7a1b2c3d-0000-4ca0-6750-08dccdcadcc0";
  private static final String EVENT = "{\"id\":\"evt_1\",\"data\":{\"loginId\":\"" + LOGIN + "\"}}";
  private static final String WEBHOOK =
      "{\"ResponseType\":\"KYC\",\"Login\":{\"Id\":\"" + LOGIN + "\"}}";
  private static final byte[] ANSWER =
      ("{\"loginId\":\"" + LOGIN + "\"}").getBytes(StandardCharsets.UTF_8);

  private final MasterKey oldKey = MasterKey.generate();
  private final MasterKey newKey = MasterKey.generate();
  private final Keyring during =
      Keyring.parse("2:" + newKey.toBase64() + ", 1:" + oldKey.toBase64());
  private final Keyring after = Keyring.parse("2:" + newKey.toBase64());
  private TestDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  private void writeUnderTheOldKey(Dialect dialect) {
    db = TestDatabase.create(dialect);
    FieldCipher old = new FieldCipher(oldKey);
    new LoginRepository(db.database(), new LoginIdProtector(oldKey), Clock.systemUTC())
        .register(LOGIN, Optional.empty());
    execute(
        "insert into logins (login_hash, login_id_enc, created_at) values (?, ?, ?)",
        legacyHash(LEGACY_LOGIN),
        legacyCiphertext(LEGACY_LOGIN),
        Instant.now().atOffset(ZoneOffset.UTC));
    insertEvent("evt_clear", EVENT);
    insertEvent("evt_sealed", old.seal(Purpose.EVENT_BODY, EVENT));
    execute(
        "insert into received_webhooks (id, response_type, dedupe_key, body, received_at) values (?, 'KYC', ?, ?,"
            + " ?)",
        UUID.randomUUID().toString(),
        "k1",
        old.seal(Purpose.WEBHOOK_BODY, WEBHOOK),
        Instant.now().atOffset(ZoneOffset.UTC));
    IdempotencyStore answers = idempotency(new LoginIdProtector(oldKey));
    var claim =
        (IdempotencyStore.Claimed) answers.claim("backend", "retry-1", "POST /v1/logins {}");
    answers.complete("backend", "retry-1", claim, 201, "application/json", ANSWER);
  }

  private IdempotencyStore idempotency(LoginIdProtector protector) {
    return new IdempotencyStore(db.database(), protector, Duration.ofHours(24), Clock.systemUTC());
  }

  /**
   * A retry of the request written under the old key: its kept answer, which the ring must still
   * find.
   */
  private byte[] replayed(Keyring ring) {
    var claim =
        idempotency(new LoginIdProtector(ring)).claim("backend", "retry-1", "POST /v1/logins {}");
    assertThat(claim).isInstanceOf(IdempotencyStore.Replay.class);
    return ((IdempotencyStore.Replay) claim).body();
  }

  @ParameterizedTest
  @ArgumentsSource(TestDialects.class)
  void before_the_rotation_the_new_ring_reads_everything_the_old_key_wrote(Dialect dialect) {
    writeUnderTheOldKey(dialect);
    LoginRepository logins =
        new LoginRepository(db.database(), new LoginIdProtector(during), Clock.systemUTC());

    assertThat(logins.find(LEGACY_LOGIN)).map(l -> l.loginId()).contains(LEGACY_LOGIN);
    assertThat(logins.find(LOGIN)).map(l -> l.loginId()).contains(LOGIN);
    assertThat(logins.register(LOGIN.toUpperCase(), Optional.empty()).created()).isFalse();
    assertThat(db.count("logins")).isEqualTo(2);
    assertThat(replayed(during)).isEqualTo(ANSWER);
  }

  @ParameterizedTest
  @ArgumentsSource(TestDialects.class)
  void after_the_rotation_the_new_key_alone_reads_everything_and_a_second_run_has_nothing_left(
      Dialect dialect) {
    writeUnderTheOldKey(dialect);
    List<Integer> progress = new ArrayList<>();

    KeyRotation.Result result =
        new KeyRotation(db.database(), new LoginIdProtector(during), 2).run(progress::add);

    assertThat(result).isEqualTo(new KeyRotation.Result(2, 2, 1, 1));
    assertThat(progress).isNotEmpty().last().isEqualTo(6);
    assertThat(new KeyRotation(db.database(), new LoginIdProtector(during), 2).run(n -> {}).total())
        .isZero();
    LoginIdProtector onlyNew = new LoginIdProtector(after);
    LoginRepository logins = new LoginRepository(db.database(), onlyNew, Clock.systemUTC());
    assertThat(logins.find(LEGACY_LOGIN)).map(l -> l.loginId()).contains(LEGACY_LOGIN);
    assertThat(logins.find(LOGIN)).map(l -> l.loginId()).contains(LOGIN);
    FieldCipher cipher = new FieldCipher(after);
    for (String body : column("select body from outbound_events")) {
      assertThat(cipher.keyVersion(body)).isEqualTo(2);
      assertThat(cipher.openText(Purpose.EVENT_BODY, body)).isEqualTo(EVENT);
    }
    assertThat(
            cipher.openText(
                Purpose.WEBHOOK_BODY, column("select body from received_webhooks").getFirst()))
        .isEqualTo(WEBHOOK);
    assertThat(column("select login_hash from logins"))
        .doesNotContain(legacyHash(LEGACY_LOGIN))
        .containsExactlyInAnyOrder(onlyNew.lookupHash(LEGACY_LOGIN), onlyNew.lookupHash(LOGIN));
    // The answer is re-sealed under key 2; its key hash was made under key 1, so key 1 stays until
    // it expires.
    assertThat(cipher.keyVersion(column("select response_body from idempotency_keys").getFirst()))
        .isEqualTo(2);
    assertThat(replayed(during)).isEqualTo(ANSWER);
  }

  @ParameterizedTest
  @ArgumentsSource(TestDialects.class)
  void without_the_old_key_the_rotation_stops_and_names_the_missing_version(Dialect dialect) {
    writeUnderTheOldKey(dialect);

    assertThatThrownBy(
            () -> new KeyRotation(db.database(), new LoginIdProtector(after), 100).run(n -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("key version 1")
        .hasMessageNotContaining(LOGIN);
  }

  // ---- rows as 0.1 wrote them
  // --------------------------------------------------------------------------------------

  private String legacyHash(String loginId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(oldKey.derive("flinks4j login-id lookup v1"), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal(loginId.toLowerCase().getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Format 1: version byte 1, nonce, AES-GCM of the loginId; no key version. */
  private String legacyCiphertext(String loginId) {
    try {
      byte[] nonce = new byte[12];
      new SecureRandom().nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(oldKey.derive("flinks4j login-id encryption v1"), "AES"),
          new GCMParameterSpec(128, nonce));
      cipher.updateAAD("flinks4j:login-id".getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(loginId.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(
              ByteBuffer.allocate(13 + sealed.length).put((byte) 1).put(nonce).put(sealed).array());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void insertEvent(String id, String body) {
    execute(
        "insert into outbound_events (id, type, body, created_at, attempts, next_attempt_at)"
            + " values (?, 'login.ready', ?, ?, 0, ?)",
        id,
        body,
        Instant.now().atOffset(ZoneOffset.UTC),
        Instant.now().atOffset(ZoneOffset.UTC));
  }

  private void execute(String sql, Object... args) {
    db.database()
        .inTransaction(c -> {
          try (var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
              ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
          }
        });
  }

  private List<String> column(String sql) {
    return db.database()
        .inTransaction(c -> {
          List<String> values = new ArrayList<>();
          try (var ps = c.prepareStatement(sql);
              var rs = ps.executeQuery()) {
            while (rs.next()) {
              values.add(rs.getString(1));
            }
          }
          return values;
        });
  }
}
