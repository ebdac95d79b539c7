package io.flinks4j.cli.demo;

import io.flinks4j.cli.Console;
import io.flinks4j.cli.logging.Logging;
import io.flinks4j.cli.options.Durations;
import io.flinks4j.cli.options.UsageException;
import io.flinks4j.cli.serve.SandboxedService;
import io.flinks4j.sync.EngineSettings;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flinks4j demo}: the whole mission end to end on this machine, with nothing to configure.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Start the Flinks sandbox and the sync service in this process (H2 in a temporary folder), "
            + "register the sandbox's test logins through the service's REST API, answer a live refresh's MFA "
            + "questions through the API, show progress, print what was retrieved, and exit.")
public final class DemoCommand implements Callable<Integer> {
  private final Console console;

  @Option(
      names = "--processing-delay",
      paramLabel = "DURATION",
      defaultValue = "3s",
      converter = Durations.class,
      description =
          "The sandbox's time from /Authorize until data is ready (default ${DEFAULT-VALUE}).")
  Duration processingDelay;

  @Option(
      names = "--poll-interval",
      paramLabel = "DURATION",
      defaultValue = "500ms",
      converter = Durations.class,
      description =
          "How often the service polls while Flinks answers 202; Flinks asks for 10s, the local "
              + "sandbox is happy with less (default ${DEFAULT-VALUE}).")
  Duration pollInterval;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "2m",
      converter = Durations.class,
      description =
          "Give up when the logins have not settled after this long; exit code 4 "
              + "(default ${DEFAULT-VALUE}).")
  Duration timeout;

  public DemoCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (pollInterval.isZero() || timeout.isZero()) {
      throw new UsageException("--poll-interval and --timeout must be more than zero");
    }
    // The demo's own lines tell the story; the service's log stays for warnings.
    Logging.level("io.flinks4j.sync", "warn");
    long started = System.nanoTime();
    Path folder = temporaryFolder();
    String apiKey = randomKey();
    try (SandboxedService stack =
            SandboxedService.start(processingDelay, settings(folder, apiKey));
        ServiceApi api = new ServiceApi(stack.service().uri(), apiKey)) {
      console
          .out()
          .println("flinks4j demo: the Flinks sandbox and the sync service, in this process");
      console
          .out()
          .println(
              "  sandbox   "
                  + stack.sandbox().baseUrl()
                  + "  (emulated Flinks API; processing delay "
                  + Durations.format(processingDelay)
                  + ")");
      console
          .out()
          .println(
              "  service   "
                  + stack.service().uri()
                  + "/v1  (REST API with a Bearer key; polls Flinks "
                  + "every "
                  + Durations.format(pollInterval)
                  + "; webhooks from the sandbox on)");
      console.out().println("  database  H2 in " + folder);
      console
          .out()
          .println(
              "  started in " + Durations.format(Duration.ofNanos(System.nanoTime() - started)));
      return new DemoRun(console, stack.sandbox(), api, timeout, started).run().code();
    } finally {
      deleteQuietly(folder);
    }
  }

  private Settings settings(Path folder, String apiKey) {
    return Settings.of(
        Map.of(
            SyncConfig.DATA_DIR, folder.toString(),
            SyncConfig.HOST, "127.0.0.1",
            SyncConfig.PORT, "0",
            SyncConfig.API_KEYS, apiKey,
            EngineSettings.POLL_INTERVAL, pollInterval.toMillis() + "ms",
            EngineSettings.CACHED_REFRESH, "0s",
            EngineSettings.LIVE_REFRESH, "0s"));
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("flinks4j-demo-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder", e);
    }
  }

  private static String randomKey() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private void deleteQuietly(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      console.err().println("flinks4j demo: could not delete " + folder + ": " + e.getMessage());
    }
  }
}
