package io.flinks4j.sync.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinks4j.sync.crypto.FieldCipher.Purpose;
import org.junit.jupiter.api.Test;

class FieldCipherTest {

  private static final String BODY = "{\"LoginId\":\"5602459c-f6d0-4ca0-6750-08dccdcadcc0\"}";

  private final MasterKey key = MasterKey.generate();
  private final FieldCipher cipher = new FieldCipher(key);

  @Test
  void a_sealed_body_opens_to_the_original_and_is_never_in_clear() {
    String sealed = cipher.seal(Purpose.EVENT_BODY, BODY);

    assertThat(sealed).doesNotContain("5602459c").doesNotContain("LoginId");
    assertThat(cipher.openText(Purpose.EVENT_BODY, sealed)).isEqualTo(BODY);
  }

  @Test
  void a_value_sealed_for_one_purpose_does_not_open_as_another() {
    String sealed = cipher.seal(Purpose.WEBHOOK_BODY, BODY);

    assertThatThrownBy(() -> cipher.open(Purpose.EVENT_BODY, sealed))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("event body");
  }

  @Test
  void a_login_id_sealed_by_the_protector_opens_with_the_same_master_key() {
    String sealed = new LoginIdProtector(key).encrypt("5602459c-f6d0-4ca0-6750-08dccdcadcc0");

    assertThat(cipher.openText(Purpose.LOGIN_ID, sealed))
        .isEqualTo("5602459c-f6d0-4ca0-6750-08dccdcadcc0");
  }

  @Test
  void another_key_cannot_open_and_the_message_quotes_nothing() {
    String sealed = cipher.seal(Purpose.EVENT_BODY, BODY);

    assertThatThrownBy(() -> new FieldCipher(MasterKey.generate()).open(Purpose.EVENT_BODY, sealed))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("FLINKS4J_ENCRYPTION_KEY")
        .hasMessageNotContaining(sealed)
        .hasMessageNotContaining("5602459c");
  }

  @Test
  void a_keyring_seals_with_its_first_key_and_opens_with_any_of_its_keys() {
    MasterKey next = MasterKey.generate();
    String oldValue = cipher.seal(Purpose.EVENT_BODY, BODY);
    FieldCipher ring =
        new FieldCipher(Keyring.parse("7:" + next.toBase64() + ",1:" + key.toBase64()));

    String newValue = ring.seal(Purpose.EVENT_BODY, BODY);

    assertThat(ring.keyVersion(newValue)).isEqualTo(7);
    assertThat(ring.keyVersion(oldValue)).isEqualTo(1);
    assertThat(ring.openText(Purpose.EVENT_BODY, oldValue)).isEqualTo(BODY);
    assertThatThrownBy(() -> cipher.open(Purpose.EVENT_BODY, newValue))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("key version 7");
  }

  @Test
  void a_malformed_keyring_entry_is_refused_by_position_without_echo() {
    String secret = key.toBase64();

    assertThatThrownBy(() -> Keyring.parse("2:" + secret + ",x:" + secret))
        .isInstanceOf(io.flinks4j.sync.config.ConfigException.class)
        .hasMessageContaining("entry 2")
        .hasMessageNotContaining(secret);
    assertThatThrownBy(() -> Keyring.parse("2:" + secret + ",2:" + secret))
        .hasMessageContaining("version 2 is given twice");
  }
}
