package io.flinks4j.sync.config;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configuration keys a program reads, taken from the {@code public static final String}
 * constants of the classes that read them, so a mistyped key is refused (with the nearest real one
 * suggested) instead of being silently ignored, and no list of keys is typed twice.
 *
 * <p>A secret key {@code K} may instead be given as {@code K_FILE} naming a file that holds the
 * value (Docker and Kubernetes secrets); {@link #validate(Settings)} reads it, dropping one
 * trailing newline.
 */
public final class KnownKeys {

  /** Suffix naming a file that holds a secret's value. */
  public static final String FILE_SUFFIX = "_FILE";

  private final Set<String> keys;
  private final Set<String> secrets;

  private KnownKeys(Collection<String> keys, Collection<String> secrets) {
    this.keys = Set.copyOf(keys);
    this.secrets = Set.copyOf(secrets);
    for (String secret : this.secrets) {
      if (!this.keys.contains(secret)) {
        throw new IllegalArgumentException("secret " + secret + " is not a known key");
      }
    }
  }

  /**
   * The {@code FLINKS4J_*} and {@code FLINKS_*} values of the public static final String fields of
   * {@code holders}.
   */
  public static KnownKeys declaredIn(Class<?>... holders) {
    List<String> found = new ArrayList<>();
    for (Class<?> holder : holders) {
      for (Field field : holder.getFields()) {
        int modifiers = field.getModifiers();
        if (field.getType() == String.class
            && Modifier.isStatic(modifiers)
            && Modifier.isFinal(modifiers)) {
          try {
            if (field.get(null) instanceof String value && isOurs(value)) {
              found.add(value);
            }
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(
                "cannot read " + holder.getName() + "." + field.getName(), e);
          }
        }
      }
    }
    return new KnownKeys(found, List.of());
  }

  /** These keys, of which {@code secretKeys} may also be read from a file ({@code KEY_FILE}). */
  public KnownKeys withSecrets(Collection<String> secretKeys) {
    List<String> all = new ArrayList<>(secrets);
    all.addAll(secretKeys);
    return new KnownKeys(keys, all);
  }

  /** These keys and {@code more}'s. */
  public KnownKeys and(KnownKeys more) {
    List<String> allKeys = new ArrayList<>(keys);
    allKeys.addAll(more.keys);
    List<String> allSecrets = new ArrayList<>(secrets);
    allSecrets.addAll(more.secrets);
    return new KnownKeys(allKeys, allSecrets);
  }

  /** Every key, {@code _FILE} forms of secrets included, sorted. */
  public Set<String> all() {
    Set<String> all = new TreeSet<>(keys);
    secrets.forEach(secret -> all.add(secret + FILE_SUFFIX));
    return all;
  }

  /** The keys whose value is a secret (never printed), sorted. */
  public Set<String> secrets() {
    return new TreeSet<>(secrets);
  }

  /**
   * Checks every key of {@code settings} and reads secrets given as files.
   *
   * @return {@code settings} with each {@code KEY_FILE} replaced by {@code KEY} and the file's
   *     content
   * @throws ConfigException naming every unknown key (with a suggestion), a secret set both ways,
   *     or a file that cannot be read; never a value
   */
  public Settings validate(Settings settings) {
    List<String> problems = new ArrayList<>();
    Set<String> known = all();
    for (String key : settings.keys()) {
      boolean checked =
          isOurs(key) || settings.origin(key).filter(o -> o.startsWith("file")).isPresent();
      if (checked && !known.contains(key)) {
        problems.add(
            "unknown setting "
                + settings.describe(key)
                + suggestion(key)
                    .map(s -> ": did you mean " + s + "?")
                    .orElse(" (the settings are listed in sync/README.md)"));
      }
    }
    Settings resolved = settings;
    for (String secret : secrets()) {
      String fileKey = secret + FILE_SUFFIX;
      Optional<String> file = settings.get(fileKey);
      if (file.isEmpty()) {
        continue;
      }
      if (settings.get(secret).isPresent()) {
        problems.add(secret + " and " + fileKey + " are both set; set only one");
        continue;
      }
      try {
        String content =
            stripOneNewline(Files.readString(Path.of(file.get()), StandardCharsets.UTF_8));
        if (content.isBlank()) {
          problems.add(fileKey + " names an empty file: " + file.get());
          continue;
        }
        resolved = resolved.withSecretFromFile(secret, fileKey, content);
      } catch (IOException | RuntimeException e) {
        problems.add(
            "cannot read "
                + fileKey
                + " "
                + file.get()
                + " ("
                + e.getClass().getSimpleName()
                + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(String.join("; ", problems));
    }
    return resolved;
  }

  /** The known key nearest to {@code unknown} (at most 3 edits away), if any. */
  public Optional<String> suggestion(String unknown) {
    String key = Settings.normalise(unknown);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : all()) {
      // A file key written without its prefix (poll-interval) is compared with the candidates'
      // unprefixed names.
      String compared = isOurs(key) ? candidate : candidate.substring(candidate.indexOf('_') + 1);
      int distance = distance(key, compared);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= 3 ? Optional.ofNullable(best) : Optional.empty();
  }

  private static boolean isOurs(String key) {
    return key.startsWith("FLINKS4J_") || key.startsWith("FLINKS_");
  }

  private static String stripOneNewline(String content) {
    if (content.endsWith("\r\n")) {
      return content.substring(0, content.length() - 2);
    }
    return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
  }

  /**
   * Optimal string alignment distance: insertions, deletions, substitutions and swaps of
   * neighbours.
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  @Override
  public String toString() {
    return "KnownKeys" + all();
  }
}
