package io.flinks4j.sync.crypto;

import io.flinks4j.sync.config.ConfigException;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.storage.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 256-bit secret from which the loginId encryption and lookup keys are derived, kept out of
 * logs.
 *
 * <p>One configured secret yields independent sub-keys (HMAC-SHA256 of a label), so the lookup hash
 * never reuses the encryption key.
 */
public final class MasterKey {

  static final int LENGTH = 32;
  private static final Logger LOG = LoggerFactory.getLogger(MasterKey.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;

  private MasterKey(byte[] key) {
    this.key = key.clone();
  }

  /**
   * Parses a Base64 (standard or URL-safe) key of 32 bytes.
   *
   * @throws IllegalArgumentException without echoing the input
   */
  public static MasterKey fromBase64(String encoded) {
    byte[] bytes;
    try {
      String trimmed = encoded.strip();
      bytes =
          trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
              ? Base64.getUrlDecoder().decode(trimmed)
              : Base64.getDecoder().decode(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("encryption key is not valid Base64");
    }
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "encryption key must be 32 bytes (Base64 of 32 random bytes), got " + bytes.length);
    }
    return new MasterKey(bytes);
  }

  /** A fresh random key. */
  public static MasterKey generate() {
    byte[] bytes = new byte[LENGTH];
    RANDOM.nextBytes(bytes);
    return new MasterKey(bytes);
  }

  /**
   * Reads the key stored in {@code file}, creating it (owner-only permissions where supported, in a
   * folder created owner-only) on first use, so an embedded installation keeps decrypting its own
   * data across restarts.
   */
  public static MasterKey loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
      }
      OwnerOnly.createDirectories(file.toAbsolutePath().getParent());
      MasterKey key = generate();
      Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".key", ".tmp");
      try {
        if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(temp, key.toBase64(), StandardCharsets.US_ASCII);
        Files.move(temp, file);
      } catch (FileAlreadyExistsException raced) {
        Files.deleteIfExists(temp);
        return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
      }
      return key;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or create the encryption key file " + file, e);
    }
  }

  /**
   * The key the service uses: {@code FLINKS4J_ENCRYPTION_KEY} (or the file {@code
   * FLINKS4J_ENCRYPTION_KEY_FILE} names) when set; otherwise, for the embedded database only, the
   * key file {@link #defaultKeyFile()}, created on first start: outside the data folder, so a copy
   * of the data folder (a backup, say) does not carry its key. A data folder that still holds an
   * {@code encryption.key} from an earlier version keeps using it. An external database requires
   * the configured key, because every instance must share it.
   *
   * @throws ConfigException when the key is missing or malformed
   */
  public static MasterKey fromConfig(SyncConfig config) {
    return fromConfig(config, config.embeddedDatabase());
  }

  /**
   * {@link #fromConfig(SyncConfig)}, with the key file allowed or not whatever the database (not
   * for an application's own DataSource, which other instances share).
   */
  public static MasterKey fromConfig(SyncConfig config, boolean keyFileAllowed) {
    return fromConfig(config, keyFileAllowed ? defaultKeyFile() : null);
  }

  /**
   * {@code $XDG_CONFIG_HOME/flinks4j/encryption.key}, by default {@code
   * ~/.config/flinks4j/encryption.key}: where an embedded installation's generated key lives.
   */
  public static Path defaultKeyFile() {
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path config =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".config");
    return config.resolve("flinks4j").resolve("encryption.key");
  }

  /**
   * @param defaultKeyFile where to keep a generated key, or null when no key file may be used
   */
  static MasterKey fromConfig(SyncConfig config, Path defaultKeyFile) {
    if (config.encryptionKey().isPresent()) {
      try {
        return fromBase64(config.encryptionKey().get());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(SyncConfig.ENCRYPTION_KEY + ": " + e.getMessage());
      }
    }
    if (defaultKeyFile != null) {
      Path legacy = config.dataDir().resolve("encryption.key");
      if (Files.exists(legacy)) {
        LOG.warn(
            "using the encryption key in the data folder ({}); move it out of it, e.g. to {}, or give it as {}",
            legacy,
            defaultKeyFile,
            SyncConfig.ENCRYPTION_KEY + "_FILE");
        return loadOrCreate(legacy);
      }
      return loadOrCreate(defaultKeyFile);
    }
    throw new ConfigException(
        SyncConfig.ENCRYPTION_KEY
            + " is required with an external database (all instances must share it);"
            + " generate one with: head -c 32 /dev/urandom | base64");
  }

  /** Base64 form, to print once for an operator or store in a key file. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(key);
  }

  /**
   * A 32-byte sub-key for {@code purpose} by HKDF-SHA256 (RFC 5869: extract with a zero salt, one
   * expand block), so no key is ever used for two purposes.
   */
  byte[] hkdf(String purpose) {
    try {
      Mac extract = Mac.getInstance("HmacSHA256");
      extract.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
      byte[] prk = extract.doFinal(key);
      Mac expand = Mac.getInstance("HmacSHA256");
      expand.init(new SecretKeySpec(prk, "HmacSHA256"));
      expand.update(purpose.getBytes(StandardCharsets.UTF_8));
      return expand.doFinal(new byte[] {1});
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** A 32-byte sub-key for {@code purpose}: HMAC-SHA256 of the label, as 0.1 derived its keys. */
  byte[] derive(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "MasterKey[redacted]";
  }
}
