package io.flinks4j.sync.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts Flinks loginIds at rest (AES-256-GCM) and derives a keyed lookup hash, because a loginId is a bearer
 * credential to the customer's bank data and must never sit in the database in clear.
 *
 * <p>Thread-safe. Ciphertexts are {@link FieldCipher}'s, bound to the loginId purpose. The hash is HMAC-SHA256
 * of the lower-cased loginId (hex), stable for a given key, so rows can be found by loginId.
 */
public final class LoginIdProtector {

  private final FieldCipher cipher;
  private final SecretKeySpec hashKey;

  public LoginIdProtector(MasterKey masterKey) {
    this.cipher = new FieldCipher(masterKey);
    this.hashKey = new SecretKeySpec(masterKey.derive("flinks4j login-id lookup v1"), "HmacSHA256");
  }

  /** Encrypts {@code loginId}; two calls give different ciphertexts. */
  public String encrypt(String loginId) {
    return cipher.seal(FieldCipher.Purpose.LOGIN_ID, loginId);
  }

  /**
   * Decrypts a value made by {@link #encrypt}.
   *
   * @throws IllegalStateException when the value was sealed with another key or altered
   */
  public String decrypt(String ciphertext) {
    return cipher.openText(FieldCipher.Purpose.LOGIN_ID, ciphertext);
  }

  /** Keyed lookup hash of {@code loginId} (64 hex chars); loginIds differing only in case hash alike. */
  public String lookupHash(String loginId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(hashKey);
      byte[] digest =
          mac.doFinal(loginId.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "LoginIdProtector[redacted]";
  }
}
