package io.flinks4j.sync.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.http.ApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The OpenAPI document as the running service serves it (without a key), and the external tools run
 * on it.
 */
final class ServedDocument {

  private ServedDocument() {}

  /**
   * Downloads {@code /v1/openapi.json} from the running service, with no Authorization header, into
   * {@code file}.
   */
  static Path download(EngineFixture fixture, Path file) {
    try {
      HttpResponse<byte[]> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(fixture.uri(ApiServer.OPENAPI_PATH)).GET().build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode())
          .as("GET " + ApiServer.OPENAPI_PATH + " without a key")
          .isEqualTo(200);
      Files.createDirectories(file.getParent());
      return Files.write(file, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Output (stdout and stderr) and exit code of a finished command. */
  record Run(int exitCode, String output) {}

  /**
   * Runs {@code command} in {@code directory}, its output kept in {@code log}; fails when it
   * outlives the timeout.
   */
  static Run run(List<String> command, Path directory, Path log, Duration timeout) {
    try {
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            command.getFirst() + " did not finish within " + timeout + "; see " + log);
      }
      return new Run(process.exitValue(), Files.readString(log));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** True when {@code program} is an executable on the PATH. */
  static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
