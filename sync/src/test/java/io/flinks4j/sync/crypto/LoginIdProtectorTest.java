package io.flinks4j.sync.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinks4j.sync.config.ConfigException;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginIdProtectorTest {

  private static final String LOGIN_ID = "5602459c-f6d0-4ca0-6750-08dccdcadcc0";

  private final LoginIdProtector protector = new LoginIdProtector(MasterKey.generate());

  @Test
  void encrypted_login_id_decrypts_to_the_original() {
    assertThat(protector.decrypt(protector.encrypt(LOGIN_ID))).isEqualTo(LOGIN_ID);
  }

  @Test
  void the_same_login_id_encrypts_differently_each_time_and_never_in_clear() {
    String first = protector.encrypt(LOGIN_ID);
    String second = protector.encrypt(LOGIN_ID);

    assertThat(first).isNotEqualTo(second).doesNotContain(LOGIN_ID).doesNotContain("5602459c");
  }

  @Test
  void another_key_cannot_decrypt() {
    String sealed = protector.encrypt(LOGIN_ID);
    LoginIdProtector other = new LoginIdProtector(MasterKey.generate());

    assertThatThrownBy(() -> other.decrypt(sealed))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining(LOGIN_ID);
  }

  @Test
  void lookup_hash_is_stable_keyed_and_ignores_case() {
    assertThat(protector.lookupHash(LOGIN_ID))
        .isEqualTo(protector.lookupHash(LOGIN_ID.toUpperCase()))
        .hasSize(64)
        .isNotEqualTo(new LoginIdProtector(MasterKey.generate()).lookupHash(LOGIN_ID));
  }

  @Test
  void keys_are_redacted_in_to_string() {
    MasterKey key = MasterKey.generate();

    assertThat(key.toString()).doesNotContain(key.toBase64());
    assertThat(new LoginIdProtector(key).toString()).contains("redacted");
  }

  @Test
  void a_generated_key_file_is_reused_on_the_next_start(@TempDir Path folder) {
    Path file = folder.resolve("nested/encryption.key");

    MasterKey first = MasterKey.loadOrCreate(file);
    MasterKey second = MasterKey.loadOrCreate(file);

    assertThat(second.toBase64()).isEqualTo(first.toBase64());
  }

  @Test
  void configured_key_is_used_and_a_malformed_one_is_refused_without_echo(@TempDir Path folder) {
    String base64 = MasterKey.generate().toBase64();
    SyncConfig good = SyncConfig.from(Settings.of(Map.of(SyncConfig.ENCRYPTION_KEY, base64)));
    SyncConfig bad = SyncConfig.from(Settings.of(Map.of(SyncConfig.ENCRYPTION_KEY, "not-a-key")));

    assertThat(MasterKey.fromConfig(good).toBase64()).isEqualTo(base64);
    assertThatThrownBy(() -> MasterKey.fromConfig(bad))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(SyncConfig.ENCRYPTION_KEY)
        .hasMessageNotContaining("not-a-key");
  }

  @Test
  void
      embedded_database_without_a_configured_key_gets_an_owner_only_key_file_outside_the_data_folder(
          @TempDir Path folder) throws Exception {
    Path data = folder.resolve("data");
    Path keyFile = folder.resolve("home/.config/flinks4j/encryption.key");
    SyncConfig config = SyncConfig.from(Settings.of(Map.of(SyncConfig.DATA_DIR, data.toString())));

    MasterKey key = MasterKey.fromConfig(config, keyFile);

    assertThat(keyFile).exists();
    assertThat(data.resolve("encryption.key")).doesNotExist();
    assertThat(MasterKey.fromConfig(config, keyFile).toBase64()).isEqualTo(key.toBase64());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void a_key_file_left_in_the_data_folder_by_an_earlier_version_keeps_being_used(
      @TempDir Path folder) {
    Path data = folder.resolve("data");
    MasterKey legacy = MasterKey.loadOrCreate(data.resolve("encryption.key"));
    SyncConfig config = SyncConfig.from(Settings.of(Map.of(SyncConfig.DATA_DIR, data.toString())));

    assertThat(MasterKey.fromConfig(config, folder.resolve("config/encryption.key")).toBase64())
        .isEqualTo(legacy.toBase64());
    assertThat(folder.resolve("config/encryption.key")).doesNotExist();
  }

  @Test
  void the_default_key_file_is_in_the_user_configuration_folder() {
    assertThat(MasterKey.defaultKeyFile().toString())
        .endsWith("flinks4j/encryption.key")
        .doesNotContain("data");
  }

  @Test
  void external_database_requires_a_configured_key() {
    SyncConfig config =
        SyncConfig.from(Settings.of(Map.of(SyncConfig.DB_URL, "jdbc:postgresql://db/sync")));

    assertThatThrownBy(() -> MasterKey.fromConfig(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(SyncConfig.ENCRYPTION_KEY);
  }
}
