package io.flinks4j.sync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    assertThatThrownBy(() -> SyncConfig.from(Settings.of(Map.of(SyncConfig.DB_URL, "jdbc:mysql://x/y"))))
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
                    SyncConfig.ENCRYPTION_KEY, "enc-secret",
                    SyncConfig.DB_URL, "jdbc:postgresql://db/sync?password=pw-secret")));

    assertThat(config.toString())
        .doesNotContain("key-one", "flinks-secret", "hook-secret", "enc-secret", "pw-secret")
        .contains("apiKeys=2");
  }
}
