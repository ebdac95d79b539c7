package io.flinks4j.sync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinks4j.sync.EngineSettings;
import io.flinks4j.sync.ServiceKeys;
import io.flinks4j.sync.SyncService;
import io.flinks4j.sync.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncConfigTest {

  @Test
  void defaults_use_an_embedded_database_under_data_on_port_8080_of_this_machine_only() {
    SyncConfig config = SyncConfig.from(Settings.of(Map.of()));

    assertThat(config.embeddedDatabase()).isTrue();
    assertThat(config.databaseUrl()).isEmpty();
    assertThat(config.dataDir()).isEqualTo(Path.of("data"));
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.apiKeys()).isEmpty();
    assertThat(config.flinksBaseUrl()).isEmpty();
  }

  @Test
  void postgresql_url_means_an_external_database() {
    SyncConfig config =
        SyncConfig.from(Settings.of(Map.of(SyncConfig.DB_URL, "jdbc:postgresql://db:5432/sync")));

    assertThat(config.embeddedDatabase()).isFalse();
  }

  @Test
  void an_unsupported_database_url_is_refused() {
    assertThatThrownBy(
            () -> SyncConfig.from(Settings.of(Map.of(SyncConfig.DB_URL, "jdbc:mysql://x/y"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(SyncConfig.DB_URL);
  }

  @Test
  void to_string_shows_no_secret() {
    SyncConfig config =
        SyncConfig.from(
            Settings.of(
                Map.of(
                    SyncConfig.API_KEYS, "key-one-0123456789abcdefgh,key-two-0123456789abcdefgh",
                    SyncConfig.FLINKS_SECRET_KEY, "flinks-secret",
                    SyncConfig.WEBHOOK_KEY, "hook-secret",
                    SyncConfig.ENCRYPTION_KEY, "ZW5jLXNlY3JldA==",
                    SyncConfig.DB_URL, "jdbc:postgresql://db/sync?password=pw-secret")));

    assertThat(config.toString())
        .doesNotContain("key-one", "flinks-secret", "hook-secret", "ZW5jLXNlY3JldA==", "pw-secret")
        .contains("apiKeys=2");
  }

  // ---- every setting is checked before anything touches a database
  // -------------------------------------------

  /**
   * A PostgreSQL URL nobody listens on: had the service opened it, the error would be a
   * StorageException.
   */
  private static final String UNREACHABLE_PG = "jdbc:postgresql://127.0.0.1:1/flinks4j";

  private static Map<String, String> flinks() {
    return Map.of(
        SyncConfig.FLINKS_BASE_URL,
        "http://127.0.0.1:1",
        SyncConfig.FLINKS_CUSTOMER_ID,
        "43387ca6-0391-4c82-857d-70d95f087ecb",
        SyncConfig.FLINKS_SECRET_KEY,
        "secret");
  }

  private static SyncConfig config(Map<String, String> extra) {
    Map<String, String> all = new java.util.HashMap<>(flinks());
    all.put(SyncConfig.DB_URL, UNREACHABLE_PG);
    all.putAll(extra);
    return SyncConfig.from(Settings.of(all));
  }

  @Test
  void a_missing_encryption_key_is_refused_before_the_database_is_opened() {
    assertThatThrownBy(() -> SyncService.start(config(Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(SyncConfig.ENCRYPTION_KEY + " is required with an external database");
  }

  @Test
  void a_malformed_encryption_key_is_refused_before_the_database_is_opened() {
    assertThatThrownBy(
            () -> SyncService.start(config(Map.of(SyncConfig.ENCRYPTION_KEY, "c2hvcnQ="))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(SyncConfig.ENCRYPTION_KEY + ": encryption key must be 32 bytes")
        .hasMessageNotContaining("c2hvcnQ=");
  }

  @Test
  void an_unknown_key_is_refused_before_the_database_is_opened() {
    assertThatThrownBy(() -> SyncService.start(config(Map.of("FLINKS4J_POLL_INTERVL", "1s"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("did you mean FLINKS4J_POLL_INTERVAL?");
  }

  @Test
  void a_bad_engine_or_log_setting_is_refused_before_the_database_is_opened() {
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    assertThatThrownBy(() ->
            SyncService.start(
                config(
                    Map.of(
                        SyncConfig.ENCRYPTION_KEY,
                        key,
                        EngineSettings.RETRY_CAP,
                        "1s",
                        EngineSettings.RETRY_BASE,
                        "5s"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(EngineSettings.RETRY_CAP);
    assertThatThrownBy(() ->
            SyncService.start(
                config(Map.of(SyncConfig.ENCRYPTION_KEY, key, LogSettings.LOG_FORMAT, "xml"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(LogSettings.LOG_FORMAT + " must be text or json");
  }

  @Test
  void with_valid_settings_the_database_is_the_first_thing_that_fails() {
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    assertThatThrownBy(() -> SyncService.start(config(Map.of(SyncConfig.ENCRYPTION_KEY, key))))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("host unreachable");
  }

  @Test
  void the_encryption_key_and_api_keys_can_come_from_files(@TempDir Path folder) throws Exception {
    Path keyFile =
        Files.writeString(
            folder.resolve("key"), Base64.getEncoder().encodeToString(new byte[32]) + "\n");
    Path apiKeys =
        Files.writeString(folder.resolve("api-keys"), "key-from-file-0123456789abcdef\n");
    Settings settings =
        ServiceKeys.KNOWN.validate(
            Settings.load(
                Optional.empty(),
                Map.of(
                    SyncConfig.ENCRYPTION_KEY + "_FILE",
                    keyFile.toString(),
                    SyncConfig.API_KEYS + "_FILE",
                    apiKeys.toString())));

    SyncConfig config = SyncConfig.from(settings);

    assertThat(config.apiKeys())
        .extracting(ApiKey::secret)
        .containsExactly("key-from-file-0123456789abcdef");
    assertThat(config.encryptionKey()).contains(Base64.getEncoder().encodeToString(new byte[32]));
  }

  @Test
  void log_settings_default_to_text_at_info() {
    assertThat(LogSettings.from(Settings.of(Map.of())))
        .isEqualTo(new LogSettings(LogSettings.Format.TEXT, "info"));
    assertThat(
            LogSettings.from(
                Settings.of(
                    Map.of(LogSettings.LOG_FORMAT, "JSON", LogSettings.LOG_LEVEL, "debug"))))
        .isEqualTo(new LogSettings(LogSettings.Format.JSON, "debug"));
    assertThatThrownBy(() -> LogSettings.from(Settings.of(Map.of(LogSettings.LOG_LEVEL, "loud"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(LogSettings.LOG_LEVEL);
  }
}
