package io.flinks4j.sync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @TempDir Path folder;

  @Test
  void environment_overrides_file_and_file_keys_may_be_dotted() throws Exception {
    Path file = folder.resolve("sync.properties");
    Files.writeString(file, "flinks4j.db-url=jdbc:h2:mem:file\nFLINKS4J_PORT=9000\nflinks.base-url=http://x\n");

    Settings settings =
        Settings.load(Optional.of(file), Map.of("FLINKS4J_DB_URL", "jdbc:h2:mem:env", "HOME", "/root"));

    assertThat(settings.get("FLINKS4J_DB_URL")).contains("jdbc:h2:mem:env");
    assertThat(settings.get("flinks4j.port")).contains("9000");
    assertThat(settings.get("FLINKS_BASE_URL")).contains("http://x");
    assertThat(settings.get("HOME")).isEmpty();
  }

  @Test
  void explicit_override_beats_environment() {
    Settings settings = Settings.load(Optional.empty(), Map.of("FLINKS4J_PORT", "1")).with("FLINKS4J_PORT", "2");

    assertThat(settings.integer("FLINKS4J_PORT", 0, 0, 65535)).isEqualTo(2);
  }

  @Test
  void durations_accept_units_and_iso_8601() {
    Settings settings = Settings.of(Map.of("A", "500ms", "B", "10s", "C", "5m", "D", "PT2H", "E", "1d"));

    assertThat(settings.duration("A", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.duration("B", Duration.ZERO)).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.duration("C", Duration.ZERO)).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.duration("D", Duration.ZERO)).isEqualTo(Duration.ofHours(2));
    assertThat(settings.duration("E", Duration.ZERO)).isEqualTo(Duration.ofDays(1));
    assertThat(settings.duration("MISSING", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
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
    Settings settings = Settings.of(Map.of("FLINKS4J_API_KEYS", " a, b ,,c ", "FLINKS4J_DB_URL", "  "));

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
}
