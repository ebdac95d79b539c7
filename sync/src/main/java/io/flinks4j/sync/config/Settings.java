package io.flinks4j.sync.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flat, immutable key/value settings merged from a properties file and the environment, so every
 * part of the service (including the engine's own keys) reads configuration the same way.
 *
 * <p>Keys are canonical environment-variable names ({@code FLINKS4J_DB_URL}). A file may spell them
 * either way: {@code FLINKS4J_DB_URL=...} or {@code flinks4j.db-url=...} are the same key.
 * Precedence, highest first: {@link #with(String, String) explicit overrides} (command-line flags),
 * environment ({@code FLINKS4J_*}, {@code FLINKS_*}), file. Values are never part of {@link
 * #toString()} because several of them are secrets.
 */
public final class Settings {

  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

  private final Map<String, String> values;

  /**
   * Where each key was set ("environment", "file x as flinks4j.port", ...), for messages; absent =
   * given in code.
   */
  private final Map<String, String> origins;

  private Settings(Map<String, String> values, Map<String, String> origins) {
    this.values = Map.copyOf(values);
    Map<String, String> kept = new LinkedHashMap<>(origins);
    kept.keySet().retainAll(values.keySet());
    this.origins = Map.copyOf(kept);
  }

  /** Settings from exactly these entries (keys are normalised); handy in tests and embedded use. */
  public static Settings of(Map<String, String> entries) {
    Map<String, String> normalised = new LinkedHashMap<>();
    entries.forEach((key, value) -> put(normalised, key, value));
    return new Settings(normalised, Map.of());
  }

  /** Settings from the process environment and, when given, a properties file. */
  public static Settings load(Optional<Path> file) {
    return load(file, System.getenv());
  }

  /**
   * Settings from {@code environment} over {@code file}. Only {@code FLINKS4J_*} and {@code
   * FLINKS_*} variables are taken from the environment.
   *
   * @throws ConfigException if the file cannot be read
   */
  public static Settings load(Optional<Path> file, Map<String, String> environment) {
    Map<String, String> merged = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    if (file.isPresent()) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new ConfigException("cannot read config file " + file.get() + ": " + e.getMessage());
      }
      properties
          .stringPropertyNames()
          .forEach(name -> {
            put(merged, name, properties.getProperty(name));
            origins.put(
                normalise(name),
                "file " + file.get() + (normalise(name).equals(name) ? "" : " as " + name));
          });
    }
    environment.forEach((name, value) -> {
      if (name.startsWith("FLINKS4J_") || name.startsWith("FLINKS_")) {
        put(merged, name, value);
        origins.put(normalise(name), "environment");
      }
    });
    return new Settings(merged, origins);
  }

  /**
   * A copy with {@code key} set to {@code value}, overriding file and environment (e.g. a CLI
   * flag).
   */
  public Settings with(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    put(copy, key, value);
    Map<String, String> copyOrigins = new LinkedHashMap<>(origins);
    copyOrigins.remove(normalise(key));
    return new Settings(copy, copyOrigins);
  }

  /** The keys that are set, sorted. */
  public List<String> keys() {
    return values.keySet().stream().sorted().toList();
  }

  /**
   * Where {@code key} was set: {@code environment}, {@code file <path>[ as <spelling>]}; empty when
   * given in code.
   */
  public Optional<String> origin(String key) {
    return Optional.ofNullable(origins.get(normalise(key)));
  }

  /** {@code key} with where it was set, for messages: {@code FLINKS4J_PORT (environment)}. */
  String describe(String key) {
    return normalise(key) + origin(key).map(o -> " (" + o + ")").orElse("");
  }

  /**
   * A copy where {@code key} holds the content of the file {@code fileKey} named, and {@code
   * fileKey} is gone.
   */
  Settings withSecretFromFile(String key, String fileKey, String content) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.remove(normalise(fileKey));
    Map<String, String> copyOrigins = new LinkedHashMap<>(origins);
    String fileOrigin = origins.getOrDefault(normalise(fileKey), "code");
    copyOrigins.remove(normalise(fileKey));
    copyOrigins.put(normalise(key), "file named by " + normalise(fileKey) + " from " + fileOrigin);
    // A value read from a file is used as it is: only the trailing newline was taken off.
    copy.put(normalise(key), content);
    return new Settings(copy, copyOrigins);
  }

  /** The value of {@code key}, absent when unset or blank. */
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(normalise(key)));
  }

  /** The value of {@code key} or {@code fallback}. */
  public String get(String key, String fallback) {
    return get(key).orElse(fallback);
  }

  /** A required value. */
  public String require(String key) {
    return get(key).orElseThrow(() -> new ConfigException(normalise(key) + " is required"));
  }

  /** An integer value within [min, max]. */
  public int integer(String key, int fallback, int min, int max) {
    Optional<String> raw = get(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    int value;
    try {
      value = Integer.parseInt(raw.get().strip().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new ConfigException(normalise(key) + " must be an integer");
    }
    if (value < min || value > max) {
      throw new ConfigException(normalise(key) + " must be between " + min + " and " + max);
    }
    return value;
  }

  /** A long value, at least {@code min}. */
  public long longValue(String key, long fallback, long min) {
    Optional<String> raw = get(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(raw.get().strip().replace("_", ""));
      if (value < min) {
        throw new ConfigException(normalise(key) + " must be at least " + min);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(normalise(key) + " must be an integer");
    }
  }

  /** A boolean value ({@code true/false/yes/no/1/0}). */
  public boolean bool(String key, boolean fallback) {
    Optional<String> raw = get(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    return switch (raw.get().strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new ConfigException(normalise(key) + " must be true or false");
    };
  }

  /**
   * A duration: ISO-8601 ({@code PT10S}) or a number with a unit ({@code 500ms}, {@code 10s},
   * {@code 5m}, {@code 2h}, {@code 1d}).
   */
  public Duration duration(String key, Duration fallback) {
    Optional<String> raw = get(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      return parseDuration(raw.get());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(normalise(key) + " " + e.getMessage());
    }
  }

  /**
   * Parses a non-negative duration as people type it ({@code 500ms}, {@code 10s}, {@code 30m},
   * {@code 1h}, {@code 2d}) or in ISO-8601 ({@code PT10S}); the one parser behind configuration and
   * command-line options.
   *
   * @throws IllegalArgumentException whose message (starting with "must") names the accepted forms
   */
  public static Duration parseDuration(String text) {
    String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    Matcher simple = SIMPLE_DURATION.matcher(value);
    Duration duration;
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      duration =
          switch (simple.group(2)) {
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
        throw new IllegalArgumentException(
            "must be a duration such as 500ms, 10s, 30m, 1h or PT10S");
      }
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("must not be negative");
    }
    return duration;
  }

  /** A comma-separated list, blanks dropped. */
  public List<String> list(String key) {
    return get(key)
        .map(raw ->
            Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }

  /** Canonical form of a key: upper case, {@code .} and {@code -} become {@code _}. */
  static String normalise(String key) {
    return key.strip().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static void put(Map<String, String> target, String key, String value) {
    String name = normalise(key);
    if (value == null || value.isBlank()) {
      target.remove(name);
    } else {
      target.put(name, value.strip());
    }
  }

  @Override
  public String toString() {
    return "Settings" + values.keySet().stream().sorted().toList();
  }
}
