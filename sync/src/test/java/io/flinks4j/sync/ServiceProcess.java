package io.flinks4j.sync;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@link SyncService#main} in a JVM of its own, on the test classpath, configured through its
 * environment: what the crash test kills with SIGKILL and the two-instance test runs twice.
 */
public final class ServiceProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private ServiceProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the service with {@code settings} as its environment and waits until {@code /healthz}
   * answers.
   */
  public static ServiceProcess start(Map<String, String> settings, Path log) {
    int port = freePort();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                java,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-cp",
                classpath, // quick start-up
                SyncService.class.getName()));
    builder.environment().putAll(settings);
    builder.environment().put(io.flinks4j.sync.config.SyncConfig.PORT, String.valueOf(port));
    builder.environment().put(io.flinks4j.sync.config.SyncConfig.HOST, "127.0.0.1");
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      ServiceProcess service = new ServiceProcess(builder.start(), port);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(service::healthy);
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** POSTs JSON to the service's API with the test bearer key; returns the status. */
  public int post(String path, String json) {
    try {
      return http.send(
              HttpRequest.newBuilder(uri().resolve(path))
                  .header("Authorization", "Bearer " + EngineFixture.API_KEY)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GETs a path of the service's API with the test bearer key; returns the status. */
  public int status(String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(uri().resolve(path))
                  .header("Authorization", "Bearer " + EngineFixture.API_KEY)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The Prometheus text of {@code /metrics}. */
  public String metrics() {
    try {
      return http.send(
              HttpRequest.newBuilder(uri().resolve("/metrics")).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGKILL: no shutdown hook, no graceful stop. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean healthy() {
    if (!process.isAlive()) {
      throw new IllegalStateException("service process exited with " + process.exitValue());
    }
    try {
      return http.send(
                  HttpRequest.newBuilder(uri().resolve("/healthz"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGTERM, then waits for the graceful stop. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A log file for a child process under {@code target/}. */
  public static Path logFile(String name) {
    File dir = new File("target/service-logs");
    dir.mkdirs();
    return dir.toPath().resolve(name + ".log");
  }
}
