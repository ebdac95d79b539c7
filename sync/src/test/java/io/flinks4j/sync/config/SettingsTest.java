package io.flinks4j.sync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinks4j.sync.EngineSettings;
import io.flinks4j.sync.ServiceKeys;
import io.flinks4j.sync.http.HttpSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @TempDir Path folder;

  @Test
  void environment_overrides_file_and_file_keys_may_be_dotted() throws Exception {
    Path file = folder.resolve("sync.properties");
    Files.writeString(
        file, "flinks4j.db-url=jdbc:h2:mem:file\nFLINKS4J_PORT=9000\nflinks.base-url=http://x\n");

    Settings settings =
        Settings.load(
            Optional.of(file), Map.of("FLINKS4J_DB_URL", "jdbc:h2:mem:env", "HOME", "/root"));

    assertThat(settings.get("FLINKS4J_DB_URL")).contains("jdbc:h2:mem:env");
    assertThat(settings.get("flinks4j.port")).contains("9000");
    assertThat(settings.get("FLINKS_BASE_URL")).contains("http://x");
    assertThat(settings.get("HOME")).isEmpty();
  }

  @Test
  void explicit_override_beats_environment() {
    Settings settings =
        Settings.load(Optional.empty(), Map.of("FLINKS4J_PORT", "1")).with("FLINKS4J_PORT", "2");

    assertThat(settings.integer("FLINKS4J_PORT", 0, 0, 65535)).isEqualTo(2);
  }

  @Test
  void durations_accept_units_and_iso_8601() {
    Settings settings =
        Settings.of(Map.of("A", "500ms", "B", "10s", "C", "5m", "D", "PT2H", "E", "1d"));

    assertThat(settings.duration("A", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.duration("B", Duration.ZERO)).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.duration("C", Duration.ZERO)).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.duration("D", Duration.ZERO)).isEqualTo(Duration.ofHours(2));
    assertThat(settings.duration("E", Duration.ZERO)).isEqualTo(Duration.ofDays(1));
    assertThat(settings.duration("MISSING", Duration.ofSeconds(3)))
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void a_bad_value_names_the_key_but_not_the_value() {
    Settings settings = Settings.of(Map.of("FLINKS4J_PORT", "s3cr3t"));

    assertThatThrownBy(() -> settings.integer("FLINKS4J_PORT", 8080, 0, 65535))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("FLINKS4J_PORT")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void lists_are_comma_separated_and_blank_values_count_as_unset() {
    Settings settings =
        Settings.of(Map.of("FLINKS4J_API_KEYS", " a, b ,,c ", "FLINKS4J_DB_URL", "  "));

    assertThat(settings.list("FLINKS4J_API_KEYS")).containsExactly("a", "b", "c");
    assertThat(settings.get("FLINKS4J_DB_URL")).isEmpty();
  }

  @Test
  void a_missing_config_file_is_a_clear_error() {
    Path missing = folder.resolve("absent.properties");

    assertThatThrownBy(() -> Settings.load(Optional.of(missing), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("absent.properties");
  }

  @Test
  void to_string_lists_keys_only() {
    assertThat(Settings.of(Map.of("FLINKS_SECRET_KEY", "hunter2")).toString())
        .contains("FLINKS_SECRET_KEY")
        .doesNotContain("hunter2");
  }

  // ---- known keys, suggestions and secrets from files (ServiceKeys is the service's one registry)
  // -------------

  private static Settings validated(Map<String, String> environment) {
    return ServiceKeys.KNOWN.validate(Settings.load(Optional.empty(), environment));
  }

  @Test
  void a_mistyped_key_from_the_environment_is_refused_with_the_nearest_known_key() {
    assertThatThrownBy(() -> validated(Map.of("FLINKS4J_POLL_INTERVL", "10s")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "unknown setting FLINKS4J_POLL_INTERVL (environment): did you mean FLINKS4J_POLL_INTERVAL?");
  }

  @Test
  void a_mistyped_key_in_the_file_is_named_as_spelled_there() throws Exception {
    Path file = folder.resolve("sync.properties");
    Files.writeString(file, "flinks.base-urll=http://x\n");

    assertThatThrownBy(() -> ServiceKeys.KNOWN.validate(Settings.load(Optional.of(file), Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("FLINKS_BASE_URLL (file " + file + " as flinks.base-urll)")
        .hasMessageContaining("did you mean FLINKS_BASE_URL?");
  }

  @Test
  void any_unknown_key_in_the_file_is_refused_and_a_missing_prefix_is_suggested() throws Exception {
    Path file = folder.resolve("sync.properties");
    Files.writeString(file, "poll-interval=10s\n");

    assertThatThrownBy(() -> ServiceKeys.KNOWN.validate(Settings.load(Optional.of(file), Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown setting POLL_INTERVAL (file " + file + " as poll-interval)")
        .hasMessageContaining("did you mean FLINKS4J_POLL_INTERVAL?");
  }

  @Test
  void every_unknown_key_is_reported_at_once_and_one_far_from_all_gets_no_guess() {
    assertThatThrownBy(() ->
            validated(Map.of("FLINKS_SECRET_KYE", "s3cr3t", "FLINKS4J_COMPLETELY_DIFFERENT", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("FLINKS_SECRET_KYE (environment): did you mean FLINKS_SECRET_KEY?")
        .hasMessageContaining(
            "FLINKS4J_COMPLETELY_DIFFERENT (environment) (the settings are listed in sync/README.md)")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void the_known_keys_come_from_the_constants_of_the_classes_that_read_them() {
    assertThat(ServiceKeys.KNOWN.all())
        .contains(
            SyncConfig.DB_URL,
            EngineSettings.POLL_INTERVAL,
            EngineSettings.CONNECT_URL,
            LogSettings.LOG_FORMAT,
            ServiceKeys.FLINKS_LOGIN_ID,
            "FLINKS_SECRET_KEY_FILE",
            "FLINKS4J_EVENTS_SECRET_FILE")
        .doesNotContain("FLINKS4J_PORT_FILE")
        .allMatch(key -> key.startsWith("FLINKS4J_") || key.startsWith("FLINKS_"));
    assertThat(validated(Map.of("FLINKS4J_POLL_INTERVAL", "10s", "HOME", "/root")).keys())
        .containsExactly("FLINKS4J_POLL_INTERVAL");
  }

  @Test
  void a_secret_can_come_from_a_file_without_its_trailing_newline() throws Exception {
    Path secret = folder.resolve("secret-key");
    Files.writeString(secret, "from-the-file\n");

    Settings settings = validated(Map.of("FLINKS_SECRET_KEY_FILE", secret.toString()));

    assertThat(settings.get(SyncConfig.FLINKS_SECRET_KEY)).contains("from-the-file");
    assertThat(settings.get("FLINKS_SECRET_KEY_FILE")).isEmpty();
    assertThat(SyncConfig.from(settings).flinksSecretKey()).contains("from-the-file");
  }

  @Test
  void a_secret_set_both_directly_and_as_a_file_is_refused() throws Exception {
    Path secret = folder.resolve("api-keys");
    Files.writeString(secret, "k1,k2\n");

    assertThatThrownBy(() ->
            validated(
                Map.of("FLINKS4J_API_KEYS", "k3", "FLINKS4J_API_KEYS_FILE", secret.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("FLINKS4J_API_KEYS and FLINKS4J_API_KEYS_FILE are both set; set only one");
  }

  @Test
  void a_missing_or_empty_secret_file_is_refused_naming_the_key() throws Exception {
    Path empty = Files.writeString(folder.resolve("empty"), "\n");

    assertThatThrownBy(() ->
            validated(Map.of("FLINKS4J_DB_PASSWORD_FILE", folder.resolve("absent").toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot read FLINKS4J_DB_PASSWORD_FILE " + folder.resolve("absent"));
    assertThatThrownBy(() -> validated(Map.of("FLINKS4J_ENCRYPTION_KEY_FILE", empty.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("FLINKS4J_ENCRYPTION_KEY_FILE names an empty file");
  }

  @Test
  void only_secrets_may_come_from_files() {
    assertThatThrownBy(() -> validated(Map.of("FLINKS4J_PORT_FILE", "/dev/null")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown setting FLINKS4J_PORT_FILE");
  }

  @Test
  void the_readme_documents_every_known_key_and_no_other() throws Exception {
    // The example of a refused key is not a key.
    String readme =
        Files.readString(Path.of("README.md")).replaceAll("unknown setting FLINKS\\w+", "");
    java.util.Set<String> mentioned = new java.util.TreeSet<>();
    java.util.regex.Matcher key =
        java.util.regex.Pattern.compile("\\bFLINKS(?:4J)?_[A-Z0-9_]*[A-Z0-9]").matcher(readme);
    while (key.find()) {
      mentioned.add(key.group());
    }

    assertThat(ServiceKeys.KNOWN.all())
        .allMatch(
            k -> k.endsWith(KnownKeys.FILE_SUFFIX) || mentioned.contains(k),
            "documented in sync/README.md");
    assertThat(mentioned).allMatch(ServiceKeys.KNOWN.all()::contains, "a known key");
  }

  @Test
  void every_default_the_readme_gives_as_a_value_is_the_one_the_code_applies() throws Exception {
    // A row is `KEY`, `KEY2` | `default`, `default2` | meaning; a default cell made of anything but
    // values ("none", "H2 file ...", "host name") is prose, not checked here.
    Pattern row =
        Pattern.compile(
            "(?m)^\\| ((?:`FLINKS(?:4J)?_[A-Z0-9_]+`(?:, )?)+) \\| ((?:`[^`|]+`(?:, )?)+) \\|");
    Pattern quoted = Pattern.compile("`([^`]+)`");
    Map<String, String> documented = new TreeMap<>();
    Matcher table = row.matcher(Files.readString(Path.of("README.md")));
    while (table.find()) {
      List<String> keys = quoted.matcher(table.group(1)).results().map(m -> m.group(1)).toList();
      List<String> defaults =
          quoted.matcher(table.group(2)).results().map(m -> m.group(1)).toList();
      assertThat(defaults).as("one default per key in the row of %s", keys).hasSameSizeAs(keys);
      for (int i = 0; i < keys.size(); i++) {
        documented.put(keys.get(i), defaults.get(i));
      }
    }

    assertAreTheDefaults(documented, "sync/README.md");
    assertThat(documented)
        .containsKeys(
            SyncConfig.PORT,
            HttpSettings.IDEMPOTENCY_TTL,
            LogSettings.LOG_LEVEL,
            EngineSettings.POLL_INTERVAL,
            EngineSettings.EVENTS_MAX_ATTEMPTS)
        .hasSizeGreaterThan(25);
  }

  @Test
  void the_cli_sample_config_comments_every_setting_out_at_its_default() throws Exception {
    // The distribution's conf/flinks4j.conf documents these settings for operators; a key without
    // a default is left empty there, or shows an example of a value.
    Set<String> examples =
        Set.of(SyncConfig.FLINKS_BASE_URL, SyncConfig.DB_URL, ServiceKeys.JAVA_OPTS);
    Map<String, String> documented = new TreeMap<>();
    for (String line : Files.readAllLines(Path.of("../cli/src/dist/conf/flinks4j.conf"))) {
      Matcher setting = Pattern.compile("^# (FLINKS(?:4J)?_[A-Z0-9_]+)=(.*)$").matcher(line);
      if (setting.matches() && !setting.group(2).isEmpty()) {
        documented.put(setting.group(1), setting.group(2));
      }
    }
    documented.keySet().removeAll(examples);

    assertAreTheDefaults(documented, "cli/src/dist/conf/flinks4j.conf");
    assertThat(documented).hasSizeGreaterThan(30);
  }

  /**
   * Each of {@code documented} (key to default), set explicitly, makes the same service as leaving
   * it unset. Events and webhook-primary settings are read only when switched on: they are on.
   */
  private static void assertAreTheDefaults(Map<String, String> documented, String where) {
    Map<String, String> base =
        Map.of(
            EngineSettings.EVENTS_URL, "http://127.0.0.1:9/events",
            EngineSettings.EVENTS_SECRET, "events-secret",
            EngineSettings.WEBHOOKS, "primary",
            SyncConfig.WEBHOOK_KEY, "webhook-key");
    documented.forEach((key, value) -> {
      assertThat(ServiceKeys.KNOWN.all()).as("%s in %s", key, where).contains(key);
      Map<String, String> without = new HashMap<>(base);
      without.remove(key);
      Map<String, String> with = new HashMap<>(without);
      with.put(key, value);
      assertThat(applied(with))
          .as("%s=%s, as %s says, is the default", key, value, where)
          .isEqualTo(applied(without));
    });
  }

  /** What the service makes of {@code settings}, as values that compare equal when equivalent. */
  private static List<Object> applied(Map<String, String> settings) {
    Settings read = Settings.of(settings);
    SyncConfig config = SyncConfig.from(read);
    return List.of(
        List.of(
            config.dataDir(),
            config.host(),
            config.port(),
            config.databasePoolSize(),
            config.maxBodyBytes(),
            config.maxPayloadBytes()),
        HttpSettings.from(read),
        LogSettings.from(read),
        EngineSettings.from(read));
  }
}
