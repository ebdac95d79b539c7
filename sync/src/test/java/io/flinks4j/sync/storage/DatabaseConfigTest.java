package io.flinks4j.sync.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

  @Test
  void the_default_h2_file_gets_the_durability_settings() {
    assertThat(DatabaseConfig.h2File(Path.of("data")).effectiveUrl())
        .endsWith(DatabaseConfig.H2_COMPATIBILITY + ";WRITE_DELAY=0;REUSE_SPACE=FALSE");
  }

  @Test
  void a_given_h2_file_url_keeps_the_durability_settings_it_sets_itself() {
    assertThat(config("jdbc:h2:file:/tmp/x;write_delay=100").effectiveUrl())
        .contains(";write_delay=100")
        .doesNotContain("WRITE_DELAY=0")
        .endsWith(";REUSE_SPACE=FALSE");
    assertThat(config("jdbc:h2:./x;REUSE_SPACE=TRUE").effectiveUrl())
        .endsWith(DatabaseConfig.H2_COMPATIBILITY + ";WRITE_DELAY=0")
        .doesNotContain("REUSE_SPACE=FALSE");
  }

  @Test
  void in_memory_and_remote_h2_urls_get_no_durability_settings() {
    assertThat(config("jdbc:h2:mem:x").effectiveUrl()).doesNotContain("WRITE_DELAY", "REUSE_SPACE");
    assertThat(config("jdbc:h2:tcp://localhost/x").effectiveUrl())
        .doesNotContain("WRITE_DELAY", "REUSE_SPACE");
  }

  private static DatabaseConfig config(String url) {
    return new DatabaseConfig(url, Optional.empty(), Optional.empty(), 2, Optional.empty());
  }
}
