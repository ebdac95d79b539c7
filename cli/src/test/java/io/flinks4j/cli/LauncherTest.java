package io.flinks4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the repository's {@code ./flinks4j} launcher for real: it must find a JDK 21+, see that the
 * jar is up to date and run it with the arguments given, passing the exit code back. The jar here
 * is a thin one whose manifest points at the test class path, because the shaded jar is only built
 * after the tests.
 */
@org.junit.jupiter.api.Tag("process") // excluded by ./run-tests --fast
class LauncherTest {
  @TempDir static Path root;

  @BeforeAll
  static void copyLauncherBesideAThinJar() throws IOException {
    Path repository = Path.of("").toAbsolutePath().getParent();
    Files.createDirectories(root.resolve("scripts"));
    Files.copy(repository.resolve("flinks4j"), root.resolve("flinks4j"));
    Files.copy(repository.resolve("scripts/find-jdk.sh"), root.resolve("scripts/find-jdk.sh"));
    Path jar = Files.createDirectories(root.resolve("cli/target")).resolve("flinks4j.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
    manifest
        .getMainAttributes()
        .put(
            Attributes.Name.CLASS_PATH,
            List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .map(entry -> Path.of(entry).toUri().toString())
                .collect(Collectors.joining(" ")));
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream ignored = new JarOutputStream(out, manifest)) {
      // manifest only
    }
  }

  private static Cli.Result launch(String... args) throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(List.of("bash", root.resolve("flinks4j").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("FLINKS"));
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Cli.Result(process.exitValue(), out, err);
  }

  @Test
  void launcher_runs_help() throws Exception {
    Cli.Result result = launch("--help");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("Usage: flinks4j", "fetch", "sandbox");
    assertThat(result.err()).doesNotContain("building");
  }

  @Test
  void launcher_passes_the_exit_code_through() throws Exception {
    Cli.Result result = launch("fetch");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--login-id (or environment variable FLINKS_LOGIN_ID)");
  }
}
