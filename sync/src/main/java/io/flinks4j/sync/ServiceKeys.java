package io.flinks4j.sync;

import io.flinks4j.sync.config.KnownKeys;
import io.flinks4j.sync.config.LogSettings;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.http.HttpSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one registry of flinks4j's configuration keys, collected from the constants of the classes
 * that read them ({@link SyncConfig}, {@link EngineSettings}, {@link HttpSettings}, {@link
 * LogSettings}, and the few below that the service itself does not read), so an unknown {@code
 * FLINKS4J_*} or {@code FLINKS_*} key is refused at startup with a suggestion.
 */
public final class ServiceKeys {

  /** The loginId the CLI's {@code fetch} and {@code refresh} retrieve (read by the CLI only). */
  public static final String FLINKS_LOGIN_ID = "FLINKS_LOGIN_ID";

  /** Extra JVM options for the {@code ./flinks4j} launcher script. */
  public static final String JAVA_OPTS = "FLINKS4J_JAVA_OPTS";

  /** The PostgreSQL server the tests and benchmarks use instead of 127.0.0.1:5432. */
  public static final String TEST_PG_URL = "FLINKS4J_TEST_PG_URL";

  /**
   * Keys whose value is a secret: never printed, and each may be read from a file named by {@code
   * KEY_FILE}.
   */
  public static final Set<String> SECRETS =
      Set.of(
          SyncConfig.FLINKS_SECRET_KEY,
          SyncConfig.FLINKS_API_KEY,
          SyncConfig.WEBHOOK_KEY,
          SyncConfig.ENCRYPTION_KEY,
          SyncConfig.API_KEYS,
          SyncConfig.DB_PASSWORD,
          EngineSettings.EVENTS_SECRET);

  /** Every key flinks4j reads. */
  public static final KnownKeys KNOWN =
      KnownKeys.declaredIn(
              SyncConfig.class,
              EngineSettings.class,
              HttpSettings.class,
              LogSettings.class,
              ServiceKeys.class)
          .withSecrets(SECRETS);

  private ServiceKeys() {}

  /**
   * Settings from {@code environment} over the optional file, checked against {@link #KNOWN} with
   * secrets read from their {@code _FILE}s.
   *
   * @throws io.flinks4j.sync.config.ConfigException for an unknown key, an unreadable file or a bad
   *     secret file
   */
  public static Settings load(Optional<Path> file, Map<String, String> environment) {
    return KNOWN.validate(Settings.load(file, environment));
  }
}
