package io.flinks4j.sync.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts Flinks loginIds at rest (AES-256-GCM) and derives a keyed lookup hash, because a loginId
 * is a bearer credential to the customer's bank data and must never sit in the database in clear.
 *
 * <p>Thread-safe. Ciphertexts are {@link FieldCipher}'s, bound to the loginId purpose. The hash is
 * HMAC-SHA256 of the lower-cased loginId (hex), stable for a given key, so rows can be found by
 * loginId.
 */
public final class LoginIdProtector {

  private final FieldCipher cipher;

  /** The current key's lookup key first, then the others': a row not yet rotated is still found. */
  private final List<SecretKeySpec> hashKeys = new ArrayList<>();

  public LoginIdProtector(Keyring keyring) {
    this.cipher = new FieldCipher(keyring);
    for (int version : keyring.versions()) {
      hashKeys.add(
          new SecretKeySpec(
              keyring.key(version).orElseThrow().hkdf("flinks4j login-id lookup"), "HmacSHA256"));
    }
    // 0.1 derived the lookup key as HMAC(master, label); its hashes stay findable until rotate-key
    // rewrites them.
    keyring
        .key(1)
        .ifPresent(v1 ->
            hashKeys.add(
                new SecretKeySpec(v1.derive("flinks4j login-id lookup v1"), "HmacSHA256")));
  }

  /** A protector of one key (version 1). */
  public LoginIdProtector(MasterKey masterKey) {
    this(Keyring.of(masterKey));
  }

  /** The cipher its loginIds are sealed with (the rotation re-seals with it). */
  public FieldCipher cipher() {
    return cipher;
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

  /** Keyed lookup hash of {@code loginId} under the current key (64 hex chars); case is ignored. */
  public String lookupHash(String loginId) {
    return hash(hashKeys.getFirst(), loginId);
  }

  /** Every hash a stored row of {@code loginId} may carry, the current one first. */
  public List<String> lookupHashes(String loginId) {
    return hashKeys.stream().map(key -> hash(key, loginId)).distinct().toList();
  }

  private static String hash(SecretKeySpec key, String loginId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
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
