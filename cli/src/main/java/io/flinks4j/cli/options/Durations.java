package io.flinks4j.cli.options;

import io.flinks4j.sync.config.Settings;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations the way people type them ({@code 500ms}, {@code 10s}, {@code 30m}, {@code 1h},
 * {@code 2d}) or in ISO-8601 ({@code PT10S}); one parser for every command's options.
 */
public final class Durations implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /**
   * Parses a non-negative duration with the service's parser, so options and configuration accept
   * the same forms.
   *
   * @throws TypeConversionException naming the accepted forms
   */
  public static Duration parse(String text) {
    try {
      return Settings.parseDuration(text);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("'" + text + "' " + e.getMessage());
    }
  }

  /**
   * The duration as people write it, for every line the CLI prints: {@code 850ms}, {@code 1.0s},
   * {@code 12.3s}, {@code 2m 5s}, {@code 1h 2m}, {@code 2d 3h}; zero parts dropped ({@code 2m},
   * {@code 1h}); below a minute one decimal (truncated, so {@code 59.99s} never shows as {@code
   * 60.0s}).
   */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      return "-" + format(duration.negated());
    }
    long millis = duration.toMillis();
    if (millis < 1_000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%d.%ds", millis / 1000, (millis % 1000) / 100);
    }
    long seconds = duration.toSeconds();
    if (seconds < 3_600) {
      return two(seconds / 60, "m", seconds % 60, "s");
    }
    if (seconds < 86_400) {
      return two(seconds / 3_600, "h", (seconds % 3_600) / 60, "m");
    }
    return two(seconds / 86_400, "d", (seconds % 86_400) / 3_600, "h");
  }

  private static String two(long major, String majorUnit, long minor, String minorUnit) {
    return major + majorUnit + (minor == 0 ? "" : " " + minor + minorUnit);
  }
}
