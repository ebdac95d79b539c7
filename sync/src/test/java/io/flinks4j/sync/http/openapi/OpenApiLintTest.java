package io.flinks4j.sync.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.storage.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The served OpenAPI document passes {@code @redocly/cli lint} (its recommended rules) with no
 * error and no warning. The CLI is installed with npm into {@code target/tools} on first use;
 * without npm the test is skipped, saying so.
 */
@Tag("process") // runs npm and node; excluded by ./run-tests --fast
class OpenApiLintTest {

  /** Pinned so a new rule in a later release cannot turn the build red overnight. */
  static final String REDOCLY_VERSION = "2.77.0";

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  @Test
  void the_served_document_lints_clean_with_redocly(FlinksSandbox sandbox) throws Exception {
    Path redocly = redocly();
    Path document;
    try (EngineFixture fixture = EngineFixture.start(Dialect.H2, sandbox, Map.of())) {
      document =
          ServedDocument.download(
              fixture, Path.of("target", "openapi", "openapi.json").toAbsolutePath());
    }

    ServedDocument.Run lint =
        ServedDocument.run(
            List.of(redocly.toString(), "lint", "--format=json", document.toString()),
                document.getParent(),
            Path.of("target", "openapi", "redocly-lint.log").toAbsolutePath(),
                Duration.ofMinutes(2));

    String report = lint.output().substring(Math.max(0, lint.output().indexOf('{')));
    JsonNode totals = new ObjectMapper().readTree(report).path("totals");
    assertThat(totals.path("errors").asInt(-1)).as(lint.output()).isZero();
    assertThat(totals.path("warnings").asInt(-1)).as(lint.output()).isZero();
    assertThat(lint.exitCode()).as(lint.output()).isZero();
  }

  /** The pinned CLI, installed with npm on first use. */
  private static Path redocly() {
    Path prefix = Path.of("target", "tools", "redocly-" + REDOCLY_VERSION).toAbsolutePath();
    Path bin = prefix.resolve(Path.of("node_modules", ".bin", "redocly"));
    if (!Files.isExecutable(bin)) {
      assumeTrue(
          ServedDocument.onPath("npm"),
          "npm is not installed: install Node.js 20 or later (with npm) to lint the OpenAPI document");
      ServedDocument.Run install =
          ServedDocument.run(
              List.of(
                  "npm",
                  "install",
                  "--no-audit",
                  "--no-fund",
                  "--prefix",
                  prefix.toString(),
                  "@redocly/cli@" + REDOCLY_VERSION),
              Path.of("target").toAbsolutePath(),
              prefix.resolveSibling("redocly-install.log"),
              Duration.ofMinutes(5));
      assertThat(install.exitCode()).as("npm install @redocly/cli: " + install.output()).isZero();
    }
    return bin;
  }
}
