package io.flinks4j.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.sync.config.LogSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LoggingTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream originalErr = System.err;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @AfterEach
  void restore() {
    System.setErr(originalErr);
    Logging.apply(new LogSettings(LogSettings.Format.TEXT, "info"));
  }

  private List<String> logWith(LogSettings settings, Runnable logging) {
    Logging.apply(settings);
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    logging.run();
    System.setErr(originalErr);
    return err.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void json_format_writes_one_object_a_line_with_time_level_logger_thread_message_and_exception()
      throws Exception {
    Logger log = LoggerFactory.getLogger("io.flinks4j.sync.Example");
    List<String> lines =
        logWith(
            new LogSettings(LogSettings.Format.JSON, "info"),
            () -> {
              log.info("started on port {}", 8080);
              log.warn("a \"quoted\"\nmultiline message", new IllegalStateException("boom"));
            });

    assertThat(lines).hasSize(2);
    JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.path("timestamp").asLong()).isPositive();
    assertThat(first.path("level").asText()).isEqualTo("INFO");
    assertThat(first.path("loggerName").asText()).isEqualTo("io.flinks4j.sync.Example");
    assertThat(first.path("threadName").asText()).isEqualTo(Thread.currentThread().getName());
    assertThat(first.path("formattedMessage").asText()).isEqualTo("started on port 8080");
    JsonNode second = JSON.readTree(lines.get(1));
    assertThat(second.path("formattedMessage").asText())
        .isEqualTo("a \"quoted\"\nmultiline message");
    assertThat(second.path("throwable").path("className").asText())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(second.path("throwable").path("message").asText()).isEqualTo("boom");
  }

  @Test
  void the_level_applies_to_the_service_and_libraries_keep_to_warnings() {
    List<String> lines =
        logWith(
            new LogSettings(LogSettings.Format.TEXT, "debug"),
            () -> {
              LoggerFactory.getLogger("io.flinks4j.sync.Example").debug("service detail");
              LoggerFactory.getLogger("com.zaxxer.hikari.Pool").info("library chatter");
              LoggerFactory.getLogger("com.zaxxer.hikari.Pool").warn("library warning");
            });

    assertThat(String.join("\n", lines))
        .contains("DEBUG Example - service detail", "WARN  Pool - library warning")
        .doesNotContain("library chatter");
  }

  @Test
  void warn_level_silences_the_services_info_lines() {
    List<String> lines =
        logWith(
            new LogSettings(LogSettings.Format.TEXT, "warn"),
            () -> LoggerFactory.getLogger("io.flinks4j.sync.Example").info("routine"));

    assertThat(lines).isEmpty();
  }

  @Test
  void the_environment_configurator_is_registered_for_logback() {
    assertThat(
            ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream()
                .map(provider -> provider.type().getName()))
        .contains(EnvironmentConfigurator.class.getName());
  }
}
