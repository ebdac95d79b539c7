package io.flinks4j.bench.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One sync service JVM ({@code io.flinks4j.sync.SyncService}, what {@code flinks4j serve} runs) on
 * a fixed port, so it comes back at the same address after a kill. Its output is appended to a log
 * file of its own, kept after the run for reading what it did around a kill.
 */
final class SyncInstance {

  private static final String MAIN = "io.flinks4j.sync.SyncService";
  private static final DateTimeFormatter MARK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private final String name;
  private final int port;
  private final Map<String, String> env;
  private final Path log;
  private final String jar;
  private Process process;

  SyncInstance(String name, int port, Map<String, String> env, Path log, String jar) {
    this.name = name;
    this.port = port;
    this.env = Map.copyOf(env);
    this.log = log;
    this.jar = jar;
  }

  String name() {
    return name;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /**
   * Launches the JVM and waits until {@code /readyz} answers 200 (database migrated, scheduler
   * started).
   */
  synchronized void start(HttpClient http, Duration timeout)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // The jar's logback.xml puts the time of day on every line.
    ProcessBuilder builder =
        new ProcessBuilder(java, "-Xmx384m", "-cp", jar, MAIN)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    process = builder.start();
    Instant deadline = Instant.now().plus(timeout);
    HttpRequest ready =
        HttpRequest.newBuilder(uri().resolve("/readyz")).timeout(Duration.ofSeconds(2)).build();
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + " while starting; see " + log);
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        name + " not ready after " + timeout.toSeconds() + " s; see " + log);
  }

  /**
   * SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook, no graceful close of
   * anything. A line in the log marks the moment, for reading what the other instances did next.
   */
  synchronized void kill() throws IOException, InterruptedException {
    process.destroyForcibly().waitFor();
    Files.writeString(
        log,
        LocalTime.now(ZoneOffset.UTC).format(MARK_TIME)
            + " ==== chaos: "
            + name
            + " killed with SIGKILL ===="
            + System.lineSeparator(),
        StandardOpenOption.APPEND);
  }

  /** SIGTERM, then SIGKILL if it has not stopped within 20 s. */
  synchronized void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
