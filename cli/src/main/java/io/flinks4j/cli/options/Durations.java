package io.flinks4j.cli.options;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations the way people type them ({@code 500ms}, {@code 10s}, {@code 30m}, {@code 1h}, {@code 2d}) or in
 * ISO-8601 ({@code PT10S}); one parser for every command's options.
 */
public final class Durations implements ITypeConverter<Duration> {
  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /**
   * Parses a non-negative duration.
   *
   * @throws TypeConversionException naming the accepted forms
   */
  public static Duration parse(String text) {
    String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    Matcher simple = SIMPLE.matcher(value);
    Duration duration;
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      duration = switch (simple.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    } else {
      try {
        duration = Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'" + text + "' is not a duration; use e.g. 500ms, 10s, 30m, 1h or ISO-8601 such as PT10S");
      }
    }
    if (duration.isNegative()) {
      throw new TypeConversionException("'" + text + "' is negative; a duration must be zero or more");
    }
    return duration;
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
