package io.flinks4j.cli.options;

import io.flinks4j.sync.config.Settings;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations the way people type them ({@code 500ms}, {@code 10s}, {@code 30m}, {@code 1h}, {@code 2d}) or in
 * ISO-8601 ({@code PT10S}); one parser for every command's options.
 */
public final class Durations implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /**
   * Parses a non-negative duration with the service's parser, so options and configuration accept the same forms.
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

  /** Short human form for progress lines: {@code 850ms}, {@code 12.3s}, {@code 4m05s}. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1_000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    long seconds = duration.toSeconds();
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
  }
}
