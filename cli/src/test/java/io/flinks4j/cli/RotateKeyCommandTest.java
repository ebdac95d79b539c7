package io.flinks4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sync.crypto.LoginIdProtector;
import io.flinks4j.sync.crypto.MasterKey;
import io.flinks4j.sync.login.LoginRepository;
import io.flinks4j.sync.storage.Database;
import io.flinks4j.sync.storage.DatabaseConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotateKeyCommandTest {

  private static final String LOGIN_ID = "5602459c-f6d0-4ca0-6750-08dccdcadcc0";

  private final MasterKey oldKey = MasterKey.generate();
  private final MasterKey newKey = MasterKey.generate();

  @TempDir Path data;

  private void registerUnderTheOldKey() {
    try (Database database = Database.open(DatabaseConfig.h2File(data))) {
      new LoginRepository(database, new LoginIdProtector(oldKey), Clock.systemUTC())
          .register(LOGIN_ID, Optional.empty());
    }
  }

  @Test
  void rotate_key_rewrites_everything_under_the_first_key_and_a_second_run_finds_nothing_left() {
    registerUnderTheOldKey();
    String ring = "2:" + newKey.toBase64() + ",1:" + oldKey.toBase64();

    Cli.Result first = Cli.run(env(ring), "rotate-key");
    Cli.Result second = Cli.run(env("2:" + newKey.toBase64()), "rotate-key");

    assertThat(first.exitCode()).isZero();
    assertThat(first.out()).contains("under key version 2").contains("rewritten: 1 logins");
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).contains("rewritten: 0 logins");
    assertThat(first.all()).doesNotContain(LOGIN_ID, newKey.toBase64(), oldKey.toBase64());
  }

  @Test
  void rotate_key_without_the_key_the_data_was_sealed_with_exits_2_naming_the_version() {
    registerUnderTheOldKey();

    Cli.Result result = Cli.run(env("2:" + newKey.toBase64()), "rotate-key");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("key version 1")
        .contains("FLINKS4J_ENCRYPTION_KEY")
        .doesNotContain(LOGIN_ID);
  }

  private Map<String, String> env(String ring) {
    return Map.of("FLINKS4J_DATA_DIR", data.toString(), "FLINKS4J_ENCRYPTION_KEY", ring);
  }
}
