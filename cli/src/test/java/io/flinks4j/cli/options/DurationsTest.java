package io.flinks4j.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({"500ms,PT0.5S", "10s,PT10S", "30m,PT30M", "1h,PT1H", "2d,PT48H", "PT10S,PT10S", "pt1m30s,PT1M30S",
      "0s,PT0S", " 10 s ,PT10S"})
  void accepts_short_units_and_iso_8601(String text, String iso) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "ten seconds", "10x", "-5s", "PT-1S", "1.5s"})
  void refuses_anything_else(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(TypeConversionException.class);
  }
}
