package io.flinks4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sync.ServiceKeys;
import io.flinks4j.sync.config.KnownKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unpacks the distribution archive the package phase built ({@code
 * target/flinks4j-<version>.tar.gz}) as an operator would, and runs its {@code bin/flinks4j}. Runs
 * in verify (failsafe), after the archive exists.
 */
@Tag("process") // excluded by ./run-tests --fast
class DistributionArchiveIT {

  @TempDir static Path unpacked;

  static Path home;

  @BeforeAll
  static void unpack() throws Exception {
    Properties built = new Properties();
    try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
      built.load(in);
    }
    String name = "flinks4j-" + built.getProperty("version");
    Path archive = Path.of("target", name + ".tar.gz").toAbsolutePath();
    assertThat(archive).as("built by the package phase").isRegularFile();
    Cli.Result tar = run(unpacked, "tar", "-xzf", archive.toString(), "-C", unpacked.toString());
    assertThat(tar.exitCode()).as(tar.err()).isZero();
    home = unpacked.resolve(name);
  }

  @Test
  void the_archive_holds_the_launcher_the_jars_a_config_and_a_systemd_unit() throws IOException {
    assertThat(home.resolve("bin/flinks4j")).isExecutable();
    assertThat(home.resolve("bin/find-jdk.sh")).isRegularFile();
    assertThat(home.resolve("LICENSE")).isRegularFile();
    try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
      assertThat(jars.map(jar -> jar.getFileName().toString()))
          .anyMatch(jar -> jar.matches("flinks4j-cli-.*\\.jar"))
          .anyMatch(jar -> jar.matches("flinks4j-sync-.*\\.jar"))
          .anyMatch(jar -> jar.matches("picocli-.*\\.jar"));
    }
    assertThat(Files.readString(home.resolve("conf/flinks4j.service")))
        .contains(
            "ExecStart=/opt/flinks4j/bin/flinks4j serve --config /opt/flinks4j/conf/flinks4j.conf");
  }

  @Test
  void the_sample_config_lists_every_setting_commented_out() throws IOException {
    List<String> lines = Files.readAllLines(home.resolve("conf/flinks4j.conf"));

    assertThat(lines).allMatch(line -> line.isBlank() || line.startsWith("#"));
    List<String> keys = new ArrayList<>(ServiceKeys.KNOWN.all());
    keys.remove(ServiceKeys.TEST_PG_URL); // the tests' own
    keys.removeIf(key ->
        key.endsWith(KnownKeys.FILE_SUFFIX)); // one line in the header says how secrets' files work
    assertThat(keys)
        .allSatisfy(key -> assertThat(lines).anyMatch(line -> line.startsWith("# " + key + "=")));
  }

  @Test
  void bin_flinks4j_runs_the_demo_from_the_unpacked_archive() throws Exception {
    Cli.Result result =
        run(
            unpacked,
            "bash",
            home.resolve("bin/flinks4j").toString(),
            "demo",
            "--processing-delay",
            "200ms",
            "--poll-interval",
            "100ms");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).containsPattern("greatday_nomfa\\s+ready").contains("Done in");
  }

  private static Cli.Result run(Path directory, String... command)
      throws IOException, InterruptedException {
    Path errors =
        Files.createTempFile(
            "flinks4j-dist", ".err"); // a file: a full stderr pipe would block the child
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(directory.toFile()).redirectError(errors.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("FLINKS"));
      Process process = builder.start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
      return new Cli.Result(
          process.exitValue(), out, Files.readString(errors, StandardCharsets.UTF_8));
    } finally {
      Files.delete(errors);
    }
  }
}
