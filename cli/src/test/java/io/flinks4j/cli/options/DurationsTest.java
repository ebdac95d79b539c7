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
  @CsvSource({
    "500ms,PT0.5S",
    "10s,PT10S",
    "30m,PT30M",
    "1h,PT1H",
    "2d,PT48H",
    "PT10S,PT10S",
    "pt1m30s,PT1M30S",
    "0s,PT0S",
    " 10 s ,PT10S"
  })
  void accepts_short_units_and_iso_8601(String text, String iso) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "ten seconds", "10x", "-5s", "PT-1S", "1.5s"})
  void refuses_anything_else(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(TypeConversionException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "PT0S,0ms",
    "PT0.85S,850ms",
    "PT1S,1.0s",
    "PT1.009769803S,1.0s",
    "PT12.34S,12.3s",
    "PT59.99S,59.9s",
    "PT1M,1m",
    "PT2M5S,2m 5s",
    "PT59M59.9S,59m 59s",
    "PT1H,1h",
    "PT1H2M3S,1h 2m",
    "PT25H,1d 1h",
    "PT48H,2d",
    "PT-2M-5S,-2m 5s"
  })
  void formats_durations_as_people_write_them(String iso, String text) {
    assertThat(Durations.format(Duration.parse(iso))).isEqualTo(text);
  }
}
