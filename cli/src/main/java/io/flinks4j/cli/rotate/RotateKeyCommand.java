package io.flinks4j.cli.rotate;

import io.flinks4j.cli.Console;
import io.flinks4j.cli.options.UsageException;
import io.flinks4j.sync.ServiceKeys;
import io.flinks4j.sync.config.ConfigException;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.crypto.KeyRotation;
import io.flinks4j.sync.crypto.Keyring;
import io.flinks4j.sync.crypto.LoginIdProtector;
import io.flinks4j.sync.storage.Database;
import io.flinks4j.sync.storage.DatabaseConfig;
import io.flinks4j.sync.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flinks4j rotate-key}: re-seals the stored secrets under the current key of
 * FLINKS4J_ENCRYPTION_KEY.
 */
@Command(
    name = "rotate-key",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Re-encrypt every stored loginId, event body and webhook body under the current (first) key of "
          + "FLINKS4J_ENCRYPTION_KEY, and rewrite the loginId lookup hashes, in batches, while the service runs.",
      "First give every instance the new ring, FLINKS4J_ENCRYPTION_KEY=2:<new key>,1:<old key>, and restart it; "
          + "then run this with the same settings; once it reports nothing left to rewrite, drop 1:<old key>. "
          + "Safe to interrupt and run again (it resumes), and beside running instances."
    })
public final class RotateKeyCommand implements Callable<Integer> {

  private final Console console;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Properties file with the settings.")
  Path config;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description = "Default FLINKS4J_DB_URL, else the H2 file under ./data.")
  String db;

  @Option(
      names = "--batch-size",
      paramLabel = "ROWS",
      defaultValue = "500",
      description = "Rows per transaction (default ${DEFAULT-VALUE}).")
  int batchSize;

  public RotateKeyCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    if (config != null && !Files.isReadable(config)) {
      throw new UsageException("Cannot read --config " + config);
    }
    if (batchSize < 1) {
      throw new UsageException("--batch-size must be positive");
    }
    SyncConfig syncConfig;
    Keyring keyring;
    try {
      Settings settings = ServiceKeys.load(Optional.ofNullable(config), console.env());
      if (db != null) {
        settings = settings.with(SyncConfig.DB_URL, db);
      }
      syncConfig = SyncConfig.from(settings);
      keyring = Keyring.fromConfig(syncConfig);
    } catch (ConfigException e) {
      throw new UsageException(e.getMessage());
    }
    try (Database database = Database.open(DatabaseConfig.from(syncConfig))) {
      KeyRotation.Result result =
          new KeyRotation(database, new LoginIdProtector(keyring), batchSize)
              .run(done ->
                  console.err().println("flinks4j rotate-key: " + done + " rows rewritten so far"));
      console
          .out()
          .println(
              "flinks4j rotate-key: everything is under key version "
                  + keyring.currentVersion()
                  + " (rewritten: "
                  + result.logins()
                  + " logins, "
                  + result.events()
                  + " event bodies, "
                  + result.webhooks()
                  + " webhook bodies, "
                  + result.idempotentAnswers()
                  + " kept idempotent answers)");
      return 0;
    } catch (StorageException e) {
      throw new UsageException(e.getMessage());
    } catch (IllegalStateException e) {
      // A value sealed with a key version the ring does not hold: the message names the version,
      // never a value.
      throw new UsageException(e.getMessage() + "; add that key to " + SyncConfig.ENCRYPTION_KEY);
    }
  }
}
