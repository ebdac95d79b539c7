package io.flinks4j.sync.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for the columns that hold secrets (loginIds, outbound event bodies, webhook bodies), under one key
 * derived from the {@link MasterKey}; each kind of value is bound to its purpose (the GCM associated data), so a
 * ciphertext moved to another column does not decrypt there.
 *
 * <p>Thread-safe. Ciphertexts are Base64 text: format byte, 12-byte random nonce, ciphertext and tag.
 */
public final class FieldCipher {

  /** What a sealed value is; part of the associated data. */
  public enum Purpose {
    LOGIN_ID("login-id"),
    EVENT_BODY("event-body"),
    WEBHOOK_BODY("webhook-body");

    private final byte[] aad;

    Purpose(String label) {
      this.aad = ("flinks4j:" + label).getBytes(StandardCharsets.US_ASCII);
    }
  }

  private static final byte FORMAT = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  public FieldCipher(MasterKey masterKey) {
    this.key = new SecretKeySpec(masterKey.derive("flinks4j login-id encryption v1"), "AES");
  }

  /** Encrypts {@code plain} for {@code purpose}; two calls give different ciphertexts. */
  public String seal(Purpose purpose, byte[] plain) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(purpose.aad);
      byte[] sealed = cipher.doFinal(plain);
      ByteBuffer out = ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length);
      out.put(FORMAT).put(nonce).put(sealed);
      return Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** {@link #seal} of the UTF-8 bytes of {@code plain}. */
  public String seal(Purpose purpose, String plain) {
    return seal(purpose, plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Decrypts a value {@link #seal} made for {@code purpose}.
   *
   * @throws IllegalStateException when the value was sealed with another key or purpose, or altered; the message
   *     never quotes the value
   */
  public byte[] open(Purpose purpose, String sealed) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(sealed);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("stored " + label(purpose) + " is not valid Base64");
    }
    if (bytes.length < 1 + NONCE_BYTES + TAG_BITS / 8 || bytes[0] != FORMAT) {
      throw new IllegalStateException("stored " + label(purpose) + " has an unknown format");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE_BYTES));
      cipher.updateAAD(purpose.aad);
      return cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException(
          "stored " + label(purpose) + " cannot be decrypted: wrong FLINKS4J_ENCRYPTION_KEY or altered data");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** {@link #open} as UTF-8 text. */
  public String openText(Purpose purpose, String sealed) {
    return new String(open(purpose, sealed), StandardCharsets.UTF_8);
  }

  private static String label(Purpose purpose) {
    return switch (purpose) {
      case LOGIN_ID -> "loginId";
      case EVENT_BODY -> "event body";
      case WEBHOOK_BODY -> "webhook body";
    };
  }

  @Override
  public String toString() {
    return "FieldCipher[redacted]";
  }
}
