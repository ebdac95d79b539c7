package io.flinks4j.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.http.VersionRoutes;
import io.flinks4j.sync.storage.Dialect;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an operator reads from a running service besides its data: its version and the JVM's
 * metrics.
 */
class OperationsTest {

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  static EngineFixture fixture;

  @BeforeAll
  static void start(FlinksSandbox sandbox) {
    fixture = EngineFixture.start(Dialect.H2, sandbox, Map.of());
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void version_is_the_build_version_behind_the_api_key() throws Exception {
    EngineFixture.Response response = fixture.get(VersionRoutes.PATH);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().path("version").asText())
        .isEqualTo(VersionRoutes.version())
        .matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(response.body().path("javaVersion").asText())
        .isEqualTo(Runtime.version().toString());
    try (HttpClient http = HttpClient.newHttpClient()) {
      int anonymous =
          http.send(
                  HttpRequest.newBuilder(fixture.uri(VersionRoutes.PATH)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      assertThat(anonymous).isEqualTo(401);
    }
  }

  @Test
  void metrics_include_the_jvm_memory_gc_threads_cpu_and_uptime() {
    String metrics = fixture.getText("/metrics");

    assertThat(metrics)
        .contains(
            "jvm_memory_used_bytes{",
            "jvm_gc_",
            "jvm_threads_live_threads",
            "jvm_classes_loaded_classes",
            "system_cpu_count",
            "process_uptime_seconds")
        .contains("hikaricp_connections");
  }
}
