package io.flinks4j.cli.serve;

import io.flinks4j.cli.Console;
import io.flinks4j.cli.logging.Logging;
import io.flinks4j.cli.options.UsageException;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sync.ServiceKeys;
import io.flinks4j.sync.SyncService;
import io.flinks4j.sync.config.ConfigException;
import io.flinks4j.sync.config.LogSettings;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.dashboard.Dashboard;
import io.flinks4j.sync.storage.StorageException;
import io.flinks4j.sync.webhook.WebhookReceiver;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flinks4j serve}: the sync service a lender deploys, in the foreground until Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run the sync service: stores logins, retrieves and refreshes their data from Flinks, serves it "
          + "over a REST API (/v1, Bearer keys), receives Flinks webhooks.",
      "Configuration: the --config file (KEY=value, e.g. FLINKS4J_API_KEYS=...), overridden by the environment "
          + "(FLINKS4J_*, FLINKS_BASE_URL, FLINKS_CUSTOMER_ID, FLINKS_SECRET_KEY, FLINKS_API_KEY, FLINKS_WEBHOOK_KEY), "
          + "overridden by these options. Unknown FLINKS4J_*/FLINKS_* keys are refused; a secret KEY may be given "
          + "as KEY_FILE=/path.",
      "Without FLINKS_BASE_URL it refuses to start (exit 2) unless --sandbox is given: then it runs against an "
          + "embedded Flinks sandbox (fake bank data, the public sandbox credentials)."
    })
public final class ServeCommand implements Callable<Integer> {
  private static final String DEV_KEY_FILE = "dev-api-key";

  private final Console console;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "HTTP port; 0 picks a free one (default FLINKS4J_PORT, else 8080).")
  Integer port;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Properties file with the settings.")
  Path config;

  @Option(
      names = "--sandbox",
      description =
          "Run against an embedded Flinks sandbox (fake data) instead of FLINKS_BASE_URL; for trying it out.")
  boolean sandbox;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "jdbc:postgresql://... or jdbc:h2:...; default FLINKS4J_DB_URL, else an H2 file under ./data.")
  String db;

  public ServeCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws InterruptedException {
    Settings settings = settings();
    SyncConfig syncConfig = configOf(settings);
    // The environment's log settings apply from the first line on; the config file's from here on.
    Logging.apply(logSettings(settings));
    PrintStream out = console.out();
    requireFlinksOrSandbox(syncConfig);
    if (syncConfig.flinksBaseUrl().isPresent()) {
      if (syncConfig.apiKeys().isEmpty()) {
        console
            .err()
            .println(
                "flinks4j serve: WARNING: no "
                    + SyncConfig.API_KEYS
                    + " configured; every /v1 call will be refused with 401");
      }
      try (SyncService service = start(() -> SyncService.start(syncConfig), syncConfig)) {
        announce(out, service.uri(), syncConfig);
        console.awaitStop();
      }
    } else {
      Optional<Path> keyFile = Optional.empty();
      if (syncConfig.apiKeys().isEmpty()) {
        keyFile = Optional.of(writeDevKey(syncConfig.dataDir()));
        settings = settings.with(SyncConfig.API_KEYS, readKey(keyFile.get()));
      }
      Settings withKey = settings;
      try (SandboxedService stack =
          start(() -> SandboxedService.start(Duration.ofSeconds(3), withKey), syncConfig)) {
        warnSandbox(stack.sandbox());
        keyFile.ifPresent(file ->
            out.println("Bearer key for /v1 (generated for this data folder): see " + file));
        announce(out, stack.service().uri(), syncConfig);
        console.awaitStop();
      }
    }
    console.err().println("flinks4j serve: stopped");
    return 0;
  }

  // A service that quietly ran on the public sandbox credentials would look healthy while holding
  // no real data.
  private void requireFlinksOrSandbox(SyncConfig syncConfig) {
    if (syncConfig.flinksBaseUrl().isPresent() && sandbox) {
      throw new UsageException(
          "--sandbox and " + SyncConfig.FLINKS_BASE_URL + " exclude each other: drop one");
    }
    if (syncConfig.flinksBaseUrl().isEmpty() && !sandbox) {
      throw new UsageException(
          "no "
              + SyncConfig.FLINKS_BASE_URL
              + " configured: set "
              + SyncConfig.FLINKS_BASE_URL
              + ", "
              + SyncConfig.FLINKS_CUSTOMER_ID
              + ", "
              + SyncConfig.FLINKS_SECRET_KEY
              + " and "
              + SyncConfig.FLINKS_API_KEY
              + " for real data, or pass --sandbox to run against an embedded Flinks sandbox"
              + " (fake data)");
    }
  }

  private Settings settings() {
    if (config != null && !Files.isReadable(config)) {
      throw new UsageException("Cannot read --config " + config);
    }
    try {
      // Unknown keys refused and secrets read from their _FILEs before anything is started.
      Settings settings = ServiceKeys.load(Optional.ofNullable(config), console.env());
      if (port != null) {
        settings = settings.with(SyncConfig.PORT, String.valueOf(port));
      }
      if (db != null) {
        settings = settings.with(SyncConfig.DB_URL, db);
      }
      return settings;
    } catch (ConfigException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static LogSettings logSettings(Settings settings) {
    try {
      return LogSettings.from(settings);
    } catch (ConfigException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static SyncConfig configOf(Settings settings) {
    try {
      return SyncConfig.from(settings);
    } catch (ConfigException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static <T> T start(java.util.function.Supplier<T> starter, SyncConfig config) {
    try {
      return starter.get();
    } catch (ConfigException e) {
      throw new UsageException(e.getMessage());
    } catch (StorageException e) {
      // Its message names the database and the cause in one line (host unreachable, authentication
      // failed, ...).
      throw new UsageException(e.getMessage());
    } catch (RuntimeException e) {
      if (rootCause(e) instanceof java.net.BindException) {
        throw new UsageException(
            "cannot listen on port " + config.port() + " (in use?); pick another with --port");
      }
      throw e;
    }
  }

  private void announce(PrintStream out, URI uri, SyncConfig config) {
    out.println(
        "flinks4j serve: listening on "
            + uri
            + " (port "
            + uri.getPort()
            + " on "
            + config.host()
            + ")");
    out.println(
        "  REST API  "
            + uri
            + "/v1/logins   (Authorization: Bearer <key>; OpenAPI at "
            + uri
            + "/v1/openapi.json)");
    out.println("  dashboard " + uri + Dashboard.PATH + "   (asks for the Bearer key)");
    out.println("  webhooks  " + uri + WebhookReceiver.PATH);
    out.println("  health    " + uri + "/healthz  " + uri + "/readyz  metrics " + uri + "/metrics");
    out.println(
        "  database  "
            + (config.embeddedDatabase()
                ? "H2 in " + config.dataDir().toAbsolutePath()
                : "PostgreSQL"));
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }

  private void warnSandbox(FlinksSandbox sandbox) {
    String line = "*".repeat(78);
    PrintStream err = console.err();
    err.println(line);
    err.println("*  NO FLINKS_BASE_URL CONFIGURED: RUNNING AGAINST AN EMBEDDED FLINKS SANDBOX");
    err.println(
        "*  The data is fake. Sandbox at "
            + sandbox.baseUrl()
            + " (test logins: GET /sandbox/logins).");
    err.println(
        "*  For real data set FLINKS_BASE_URL, FLINKS_CUSTOMER_ID, FLINKS_SECRET_KEY, FLINKS_API_KEY.");
    err.println(line);
    err.flush();
  }

  // A key for this data folder only, kept in a file only its owner can read, so it never has to be
  // printed.
  private static Path writeDevKey(Path dataDir) {
    Path file = dataDir.resolve(DEV_KEY_FILE);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(dataDir);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        Files.writeString(
            file,
            Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n",
            StandardCharsets.UTF_8);
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
          // e.g. Windows: the folder's own permissions apply
        }
      }
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String readKey(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
