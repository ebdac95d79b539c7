package io.flinks4j.sync.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for the columns that hold secrets (loginIds, outbound event bodies, webhook bodies),
 * under a key derived from the current {@link Keyring} key; each kind of value is bound to its
 * purpose (the GCM associated data), so a ciphertext moved to another column does not decrypt
 * there.
 *
 * <p>Thread-safe. Ciphertexts are Base64 text: format byte 2, key version byte, 12-byte random
 * nonce, ciphertext and tag. Format 1 (0.1: no version byte) was sealed with key version 1 and
 * still opens.
 */
public final class FieldCipher {

  /** What a sealed value is; part of the associated data. */
  public enum Purpose {
    LOGIN_ID("login-id"),
    EVENT_BODY("event-body"),
    WEBHOOK_BODY("webhook-body"),
    IDEMPOTENT_ANSWER("idempotent-answer");

    private final byte[] aad;

    Purpose(String label) {
      this.aad = ("flinks4j:" + label).getBytes(StandardCharsets.US_ASCII);
    }
  }

  private static final byte LEGACY_FORMAT = 1;
  private static final byte FORMAT = 2;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int current;
  private final Map<Integer, SecretKeySpec> keys = new HashMap<>();

  public FieldCipher(Keyring keyring) {
    this.current = keyring.currentVersion();
    for (int version : keyring.versions()) {
      MasterKey master = keyring.key(version).orElseThrow();
      keys.put(version, new SecretKeySpec(master.derive("flinks4j login-id encryption v1"), "AES"));
    }
  }

  /** A cipher of one key (version 1). */
  public FieldCipher(MasterKey masterKey) {
    this(Keyring.of(masterKey));
  }

  /** The key version {@link #seal} uses. */
  public int currentVersion() {
    return current;
  }

  /**
   * The key version {@code sealed} was sealed with, read from its header.
   *
   * @throws IllegalStateException when it is not a value of this class
   */
  public int keyVersion(String sealed) {
    byte[] header = Base64.getDecoder().decode(sealed.substring(0, Math.min(sealed.length(), 4)));
    return switch (header.length > 0 ? header[0] : 0) {
      case LEGACY_FORMAT -> 1;
      case FORMAT -> header.length > 1 ? Byte.toUnsignedInt(header[1]) : -1;
      default -> throw new IllegalStateException("not a sealed value");
    };
  }

  /** Encrypts {@code plain} for {@code purpose}; two calls give different ciphertexts. */
  public String seal(Purpose purpose, byte[] plain) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(current), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(purpose.aad);
      byte[] sealed = cipher.doFinal(plain);
      ByteBuffer out = ByteBuffer.allocate(2 + NONCE_BYTES + sealed.length);
      out.put(FORMAT).put((byte) current).put(nonce).put(sealed);
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
   * @throws IllegalStateException when the value was sealed with another key or purpose, or
   *     altered; the message never quotes the value
   */
  public byte[] open(Purpose purpose, String sealed) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(sealed);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("stored " + label(purpose) + " is not valid Base64");
    }
    int header = bytes.length > 0 && bytes[0] == FORMAT ? 2 : 1;
    if (bytes.length < header + NONCE_BYTES + TAG_BITS / 8
        || (bytes[0] != FORMAT && bytes[0] != LEGACY_FORMAT)) {
      throw new IllegalStateException("stored " + label(purpose) + " has an unknown format");
    }
    int version = header == 2 ? Byte.toUnsignedInt(bytes[1]) : 1;
    SecretKeySpec key = keys.get(version);
    if (key == null) {
      throw new IllegalStateException(
          "stored "
              + label(purpose)
              + " was sealed with key version "
              + version
              + ", which FLINKS4J_ENCRYPTION_KEY does not hold");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, header, NONCE_BYTES));
      cipher.updateAAD(purpose.aad);
      return cipher.doFinal(bytes, header + NONCE_BYTES, bytes.length - header - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException(
          "stored "
              + label(purpose)
              + " cannot be decrypted: wrong FLINKS4J_ENCRYPTION_KEY or altered data");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /**
   * True for a body stored in clear JSON, as 0.1 stored event and webhook bodies (a sealed value is
   * Base64).
   */
  public static boolean isClearJson(String stored) {
    return stored.startsWith("{");
  }

  /** {@link #open}, or the bytes of a body 0.1 stored in clear ({@link #isClearJson}). */
  public byte[] openOrClear(Purpose purpose, String stored) {
    return isClearJson(stored) ? stored.getBytes(StandardCharsets.UTF_8) : open(purpose, stored);
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
      case IDEMPOTENT_ANSWER -> "idempotent answer";
    };
  }

  @Override
  public String toString() {
    return "FieldCipher[redacted]";
  }
}
