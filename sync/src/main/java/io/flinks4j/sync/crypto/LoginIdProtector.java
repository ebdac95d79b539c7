package io.flinks4j.sync.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts Flinks loginIds at rest (AES-256-GCM) and derives a keyed lookup hash, because a loginId is a bearer
 * credential to the customer's bank data and must never sit in the database in clear.
 *
 * <p>Thread-safe. Ciphertexts are Base64 text: version byte, 12-byte random nonce, ciphertext and tag. The hash
 * is HMAC-SHA256 of the lower-cased loginId (hex), stable for a given key, so rows can be found by loginId.
 */
public final class LoginIdProtector {

  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] AAD = "flinks4j:login-id".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec encryptionKey;
  private final SecretKeySpec hashKey;

  public LoginIdProtector(MasterKey masterKey) {
    this.encryptionKey = new SecretKeySpec(masterKey.derive("flinks4j login-id encryption v1"), "AES");
    this.hashKey = new SecretKeySpec(masterKey.derive("flinks4j login-id lookup v1"), "HmacSHA256");
  }

  /** Encrypts {@code loginId}; two calls give different ciphertexts. */
  public String encrypt(String loginId) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(AAD);
      byte[] sealed = cipher.doFinal(loginId.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length);
      out.put(VERSION).put(nonce).put(sealed);
      return Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /**
   * Decrypts a value made by {@link #encrypt}.
   *
   * @throws IllegalStateException when the value was sealed with another key or altered
   */
  public String decrypt(String ciphertext) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(ciphertext);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("stored loginId is not valid Base64");
    }
    if (bytes.length < 1 + NONCE_BYTES + TAG_BITS / 8 || bytes[0] != VERSION) {
      throw new IllegalStateException("stored loginId has an unknown format");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE_BYTES));
      cipher.updateAAD(AAD);
      byte[] plain = cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException(
          "stored loginId cannot be decrypted: wrong FLINKS4J_ENCRYPTION_KEY or altered data");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
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
