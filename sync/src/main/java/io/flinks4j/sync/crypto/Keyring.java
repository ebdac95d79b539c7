package io.flinks4j.sync.crypto;

import io.flinks4j.sync.config.ConfigException;
import io.flinks4j.sync.config.SyncConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The master keys this instance holds, by version: the current one seals every new value, the older
 * ones only open what they sealed until {@code flinks4j rotate-key} has re-sealed it. Kept out of
 * logs.
 *
 * <p>{@code FLINKS4J_ENCRYPTION_KEY} is one Base64 key (version 1) or a comma-separated list of
 * {@code <version>:<Base64 key>}, the current key first: {@code 2:<new key>,1:<old key>}.
 */
public final class Keyring {

  private final int current;
  private final Map<Integer, MasterKey> keys;

  private Keyring(int current, Map<Integer, MasterKey> keys) {
    this.current = current;
    this.keys = Collections.unmodifiableMap(keys);
  }

  /** A ring of one key, version 1. */
  public static Keyring of(MasterKey key) {
    return new Keyring(1, Map.of(1, key));
  }

  /**
   * Parses a {@code FLINKS4J_ENCRYPTION_KEY} value.
   *
   * @throws ConfigException naming the entry by position, never quoting it
   */
  public static Keyring parse(String value) {
    List<String> entries = List.of(value.strip().split("\\s*,\\s*"));
    if (entries.size() == 1 && entries.getFirst().indexOf(':') < 0) {
      return of(key(entries.getFirst(), 0));
    }
    Map<Integer, MasterKey> keys = new LinkedHashMap<>();
    int current = 0;
    for (int i = 0; i < entries.size(); i++) {
      String entry = entries.get(i);
      int colon = entry.indexOf(':');
      int version;
      try {
        version = colon < 0 ? -1 : Integer.parseInt(entry.substring(0, colon).strip());
      } catch (NumberFormatException e) {
        version = -1;
      }
      if (version < 1 || version > 255) {
        throw new ConfigException(
            SyncConfig.ENCRYPTION_KEY
                + ": entry "
                + (i + 1)
                + " must be <version>:<Base64 key> with a version from 1 to 255 (current key first)");
      }
      if (keys.put(version, key(entry.substring(colon + 1), i + 1)) != null) {
        throw new ConfigException(
            SyncConfig.ENCRYPTION_KEY + ": version " + version + " is given twice");
      }
      current = i == 0 ? version : current;
    }
    return new Keyring(current, keys);
  }

  /**
   * The ring the service uses: {@code FLINKS4J_ENCRYPTION_KEY} when set, otherwise the embedded
   * database's generated key as version 1 (see {@link MasterKey#fromConfig}).
   */
  public static Keyring fromConfig(SyncConfig config) {
    return fromConfig(config, config.embeddedDatabase());
  }

  /**
   * {@link #fromConfig(SyncConfig)}, with the generated key file allowed or not whatever the
   * database (not beside an application's own DataSource, which other instances share: there the
   * ring must be configured).
   */
  public static Keyring fromConfig(SyncConfig config, boolean keyFileAllowed) {
    return config.encryptionKey().isPresent()
        ? parse(config.encryptionKey().get())
        : of(MasterKey.fromConfig(config, keyFileAllowed));
  }

  /** The version new values are sealed with. */
  public int currentVersion() {
    return current;
  }

  public MasterKey current() {
    return keys.get(current);
  }

  /** The key of {@code version}, if this ring holds it. */
  public Optional<MasterKey> key(int version) {
    return Optional.ofNullable(keys.get(version));
  }

  /** Every version held, the current one first. */
  public List<Integer> versions() {
    return keys.keySet().stream()
        .sorted((a, b) -> a == current ? -1 : b == current ? 1 : b - a)
        .toList();
  }

  private static MasterKey key(String base64, int position) {
    try {
      return MasterKey.fromBase64(base64);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          SyncConfig.ENCRYPTION_KEY
              + (position > 0 ? " (entry " + position + ")" : "")
              + ": "
              + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "Keyring[current=" + current + ", versions=" + keys.keySet() + "]";
  }
}
