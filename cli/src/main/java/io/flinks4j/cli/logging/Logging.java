package io.flinks4j.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.EncoderBase;
import io.flinks4j.sync.config.LogSettings;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link LogSettings} to Logback, the binding the runnable jar ships: log lines on standard
 * error, as text or as one JSON object a line (Logback's own {@link JsonEncoder}); the service's
 * loggers at the configured level, the rest (client, sandbox, libraries) at warnings, or with the
 * service's level when that is debug or trace. The command line prints its own messages on standard
 * output.
 */
public final class Logging {

  /**
   * The service's loggers, at the configured level (the client and sandbox join them at debug and
   * trace).
   */
  static final String SERVICE = "io.flinks4j.sync";

  /** Every flinks4j logger. */
  static final String ALL_OURS = "io.flinks4j";

  /**
   * Text form: time, level, logger's simple name, message, then the stack trace when there is one.
   */
  static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

  private Logging() {}

  /**
   * Reconfigures logging from scratch; does nothing when another SLF4J binding is in use (embedded
   * use).
   */
  public static void apply(LogSettings settings) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      configure(context, settings);
    }
  }

  /**
   * Sets one logger's level, e.g. to quiet the service's own lines while {@code demo} tells the
   * story.
   */
  public static void level(String logger, String level) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(logger).setLevel(Level.toLevel(level, Level.INFO));
    }
  }

  static void configure(LoggerContext context, LogSettings settings) {
    context.reset();
    EncoderBase<ILoggingEvent> encoder =
        switch (settings.format()) {
          case TEXT -> {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern(TEXT_PATTERN);
            yield text;
          }
          case JSON -> {
            JsonEncoder json = new JsonEncoder();
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithArguments(false);
            // The message as written, with its {} placeholders filled in; the raw pattern would
            // repeat it.
            json.setWithMessage(false);
            json.setWithFormattedMessage(true);
            yield json;
          }
        };
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("stderr");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Level level = Level.toLevel(settings.level(), Level.INFO);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level.isGreaterOrEqual(Level.WARN) ? level : Level.WARN);
    root.addAppender(stderr);
    context.getLogger(SERVICE).setLevel(level);
    if (!level.isGreaterOrEqual(Level.INFO)) {
      context.getLogger(ALL_OURS).setLevel(level);
    }
    // db-scheduler advises on H2 time columns at every start; the service already stores UTC.
    context.getLogger("utc_warning").setLevel(Level.ERROR);
  }
}
