package io.flinks4j.sync.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One bearer key accepted on {@code /v1}, with the name it is logged under and the one scope it
 * grants; parsed from {@code FLINKS4J_API_KEYS} so a weak or malformed key stops the service at
 * startup, not at the first call.
 *
 * <p>An entry is either {@code name:scope:key} or a plain {@code key}; a plain key keeps its old
 * meaning (every scope) and is named {@code key-<n>} after its position. {@link #toString()} never
 * shows the secret.
 *
 * @param name shown in logs instead of the key
 * @param scope the largest scope the key grants
 * @param secret the key itself
 */
public record ApiKey(String name, Scope scope, String secret) {

  /** Shortest accepted key: 24 characters, e.g. 18 random bytes in Base64. */
  public static final int MIN_LENGTH = 24;

  /** What a key may do; each scope includes the ones before it. */
  public enum Scope {
    /** GET: logins, accounts, transactions, balances, the OpenAPI document. */
    READ,
    /** POST and PUT as well: register, refresh, answer MFA. */
    WRITE,
    /** DELETE as well: delete a login here and at Flinks. */
    ADMIN;

    /** True when a key of this scope may do what {@code needed} allows. */
    public boolean includes(Scope needed) {
      return compareTo(needed) >= 0;
    }

    /**
     * The name used in configuration and error messages: {@code read}, {@code write}, {@code
     * admin}.
     */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ApiKey {
    Objects.requireNonNull(name);
    Objects.requireNonNull(scope);
    Objects.requireNonNull(secret);
  }

  /**
   * The keys of a {@code FLINKS4J_API_KEYS} value, already split at commas.
   *
   * @throws ConfigException naming the entry by position (never quoting it) when it is short,
   *     malformed, uses an unknown scope or repeats a name or key
   */
  static List<ApiKey> parse(List<String> entries) {
    List<ApiKey> keys = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      ApiKey key = parseOne(entries.get(i), i + 1);
      for (ApiKey earlier : keys) {
        if (earlier.name().equals(key.name())) {
          throw new ConfigException(
              SyncConfig.API_KEYS + ": entry " + (i + 1) + " reuses the name '" + key.name() + "'");
        }
        if (earlier.secret().equals(key.secret())) {
          throw new ConfigException(
              SyncConfig.API_KEYS + ": entry " + (i + 1) + " repeats an earlier key");
        }
      }
      keys.add(key);
    }
    return List.copyOf(keys);
  }

  private static ApiKey parseOne(String entry, int position) {
    String where = SyncConfig.API_KEYS + ": entry " + position;
    ApiKey key;
    if (entry.indexOf(':') < 0) {
      key = new ApiKey("key-" + position, Scope.ADMIN, entry);
    } else {
      String[] parts = entry.split(":", 3);
      if (parts.length != 3 || parts[0].isBlank() || !parts[0].matches("[A-Za-z0-9._-]{1,64}")) {
        throw new ConfigException(
            where + " must be name:scope:key (name of letters, digits, . _ -) or a plain key");
      }
      Scope scope =
          switch (parts[1].strip().toLowerCase(Locale.ROOT)) {
            case "read" -> Scope.READ;
            case "write" -> Scope.WRITE;
            case "admin" -> Scope.ADMIN;
            default ->
                throw new ConfigException(
                    where + " has an unknown scope; use read, write or admin");
          };
      key = new ApiKey(parts[0], scope, parts[2]);
    }
    if (key.secret().length() < MIN_LENGTH) {
      throw new ConfigException(
          where
              + " ("
              + key.name()
              + ") is shorter than "
              + MIN_LENGTH
              + " characters; use a random key, e.g."
              + " openssl rand -base64 24");
    }
    if (!key.secret().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new ConfigException(
          where + " (" + key.name() + ") must be printable ASCII without spaces");
    }
    return key;
  }

  @Override
  public String toString() {
    return "ApiKey[" + name + ", " + scope.label() + "]";
  }
}
