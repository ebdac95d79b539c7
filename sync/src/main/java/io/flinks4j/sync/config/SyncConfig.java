package io.flinks4j.sync.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The service's typed configuration, validated once at startup so a bad value fails fast with the
 * key's name.
 *
 * <p>Every key can be set in the environment or in the config file (see {@link Settings}). Keys the
 * engine reads for itself (poll intervals, refresh periods, ...) stay reachable through {@link
 * #settings()}. {@link #toString()} never shows secrets.
 */
public final class SyncConfig {

  /**
   * Folder for the embedded H2 database and the generated encryption key; default {@code ./data}.
   */
  public static final String DATA_DIR = "FLINKS4J_DATA_DIR";

  /**
   * JDBC URL; {@code jdbc:postgresql://...} or {@code jdbc:h2:...}; default an H2 file in the data
   * folder.
   */
  public static final String DB_URL = "FLINKS4J_DB_URL";

  /** Database user, when not part of the URL. */
  public static final String DB_USER = "FLINKS4J_DB_USER";

  /** Database password, when not part of the URL. */
  public static final String DB_PASSWORD = "FLINKS4J_DB_PASSWORD";

  /** Connection pool size; default 10. */
  public static final String DB_POOL_SIZE = "FLINKS4J_DB_POOL_SIZE";

  /**
   * Interface to listen on; default {@code 127.0.0.1} (this machine only); {@code 0.0.0.0} for
   * every interface.
   */
  public static final String HOST = "FLINKS4J_HOST";

  /** HTTP port; default 8080, 0 picks a free port. */
  public static final String PORT = "FLINKS4J_PORT";

  /**
   * Comma-separated bearer keys accepted on {@code /v1}, each {@code name:scope:key} (scope read,
   * write or admin) or a plain key (every scope); at least {@value ApiKey#MIN_LENGTH} characters
   * each. None means every {@code /v1} call is refused.
   */
  public static final String API_KEYS = "FLINKS4J_API_KEYS";

  /** Base64 of 32 random bytes; encrypts loginIds at rest. Required with an external database. */
  public static final String ENCRYPTION_KEY = "FLINKS4J_ENCRYPTION_KEY";

  /** Largest accepted JSON body on {@code /v1} routes, in bytes; default 64 KiB. */
  public static final String MAX_BODY_BYTES = "FLINKS4J_MAX_BODY_BYTES";

  /**
   * Largest accepted body on routes that take Flinks payloads (webhooks), in bytes; default 32 MiB.
   */
  public static final String MAX_PAYLOAD_BYTES = "FLINKS4J_MAX_PAYLOAD_BYTES";

  /** Shared secret Flinks signs webhooks with. */
  public static final String WEBHOOK_KEY = "FLINKS_WEBHOOK_KEY";

  /**
   * Flinks API base, e.g. {@code https://toolbox-api.private.fin.ag}; absent = embedded sandbox.
   */
  public static final String FLINKS_BASE_URL = "FLINKS_BASE_URL";

  /** Flinks customer id (GUID). */
  public static final String FLINKS_CUSTOMER_ID = "FLINKS_CUSTOMER_ID";

  /** Flinks secret key (mints authorize tokens). */
  public static final String FLINKS_SECRET_KEY = "FLINKS_SECRET_KEY";

  /** Flinks x-api-key for data endpoints. */
  public static final String FLINKS_API_KEY = "FLINKS_API_KEY";

  /** Where {@code serve} listens unless {@link #HOST} says otherwise: this machine only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  private final Settings settings;
  private final Path dataDir;
  private final Optional<String> databaseUrl;
  private final int databasePoolSize;
  private final String host;
  private final int port;
  private final List<ApiKey> apiKeys;
  private final long maxBodyBytes;
  private final long maxPayloadBytes;
  private final Optional<URI> flinksBaseUrl;

  private SyncConfig(Settings settings) {
    this.settings = settings;
    this.dataDir = Path.of(settings.get(DATA_DIR, "data"));
    this.databaseUrl = settings.get(DB_URL);
    databaseUrl.ifPresent(url -> {
      if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
        throw new ConfigException(DB_URL + " must start with jdbc:postgresql: or jdbc:h2:");
      }
    });
    this.databasePoolSize = settings.integer(DB_POOL_SIZE, 10, 1, 500);
    this.host = settings.get(HOST, DEFAULT_HOST);
    this.port = settings.integer(PORT, 8080, 0, 65535);
    this.apiKeys = ApiKey.parse(settings.list(API_KEYS));
    this.maxBodyBytes = settings.longValue(MAX_BODY_BYTES, 64 * 1024, 1024);
    this.maxPayloadBytes = settings.longValue(MAX_PAYLOAD_BYTES, 32L * 1024 * 1024, 1024);
    this.flinksBaseUrl = settings.get(FLINKS_BASE_URL).map(SyncConfig::uri);
  }

  /** Validates and types {@code settings}. @throws ConfigException naming the first bad key */
  public static SyncConfig from(Settings settings) {
    return new SyncConfig(settings);
  }

  /** Convenience: environment over the optional file. */
  public static SyncConfig load(Optional<Path> file) {
    return from(Settings.load(file));
  }

  public Settings settings() {
    return settings;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The configured JDBC URL; empty means the default H2 file under {@link #dataDir()}. */
  public Optional<String> databaseUrl() {
    return databaseUrl;
  }

  public Optional<String> databaseUser() {
    return settings.get(DB_USER);
  }

  public Optional<String> databasePassword() {
    return settings.get(DB_PASSWORD);
  }

  public int databasePoolSize() {
    return databasePoolSize;
  }

  /** True when the data lives in an embedded H2 database (the default). */
  public boolean embeddedDatabase() {
    return databaseUrl.map(url -> url.startsWith("jdbc:h2:")).orElse(true);
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /**
   * Accepted bearer keys; their secrets are never logged (an {@link ApiKey} prints its name and
   * scope only).
   */
  public List<ApiKey> apiKeys() {
    return apiKeys;
  }

  /** Base64 loginId encryption key, when configured. */
  public Optional<String> encryptionKey() {
    return settings.get(ENCRYPTION_KEY);
  }

  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  public long maxPayloadBytes() {
    return maxPayloadBytes;
  }

  /** Flinks webhook signing secret, when configured. */
  public Optional<String> webhookKey() {
    return settings.get(WEBHOOK_KEY);
  }

  /** Flinks API base URL; empty means "run against an embedded sandbox". */
  public Optional<URI> flinksBaseUrl() {
    return flinksBaseUrl;
  }

  public Optional<String> flinksCustomerId() {
    return settings.get(FLINKS_CUSTOMER_ID);
  }

  public Optional<String> flinksSecretKey() {
    return settings.get(FLINKS_SECRET_KEY);
  }

  public Optional<String> flinksApiKey() {
    return settings.get(FLINKS_API_KEY);
  }

  private static URI uri(String raw) {
    try {
      URI uri = new URI(raw);
      if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
        throw new ConfigException(FLINKS_BASE_URL + " must be an http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(FLINKS_BASE_URL + " is not a valid URL");
    }
  }

  @Override
  public String toString() {
    return "SyncConfig[dataDir="
        + dataDir
        + ", database="
        + (embeddedDatabase() ? "h2" : "postgresql")
        + ", port="
        + port
        + ", apiKeys="
        + apiKeys.size()
        + ", flinks="
        + flinksBaseUrl.map(URI::toString).orElse("embedded sandbox")
        + "]";
  }
}
