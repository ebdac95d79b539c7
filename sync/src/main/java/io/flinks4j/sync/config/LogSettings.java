package io.flinks4j.sync.config;

import java.util.Locale;

/**
 * How the runnable programs log: plain text or one JSON object a line, and from which level. The
 * service only validates these keys; the program that owns the SLF4J binding (the CLI) applies
 * them, so embedding the library never reconfigures the host's logging.
 *
 * @param format {@code text} (default) or {@code json}
 * @param level level of the service's loggers: {@code error}, {@code warn}, {@code info}, {@code
 *     debug} or {@code trace}
 */
public record LogSettings(Format format, String level) {

  /**
   * {@code text} (default) or {@code json}: one object a line with timestamp, level, logger,
   * thread, message.
   */
  public static final String LOG_FORMAT = "FLINKS4J_LOG_FORMAT";

  /**
   * Level of the service's loggers; default {@code info} (other loggers: warnings, or this level
   * below info).
   */
  public static final String LOG_LEVEL = "FLINKS4J_LOG_LEVEL";

  /** The two output forms. */
  public enum Format {
    TEXT,
    JSON
  }

  /** Reads and validates the logging keys. @throws ConfigException naming the bad key */
  public static LogSettings from(Settings settings) {
    Format format =
        switch (settings.get(LOG_FORMAT, "text").strip().toLowerCase(Locale.ROOT)) {
          case "text" -> Format.TEXT;
          case "json" -> Format.JSON;
          default -> throw new ConfigException(LOG_FORMAT + " must be text or json");
        };
    String level = settings.get(LOG_LEVEL, "info").strip().toLowerCase(Locale.ROOT);
    return switch (level) {
      case "error", "warn", "info", "debug", "trace" -> new LogSettings(format, level);
      default ->
          throw new ConfigException(LOG_LEVEL + " must be error, warn, info, debug or trace");
    };
  }
}
