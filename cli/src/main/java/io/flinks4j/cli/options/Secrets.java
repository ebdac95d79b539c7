package io.flinks4j.cli.options;

import io.flinks4j.sync.ServiceKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The secret values of one command run (keys, loginIds, bearer keys, from the arguments and the
 * environment), so any text headed for the terminal can be scrubbed of them: a mistyped option
 * echoed back by the parser, or a message quoting what a server sent.
 */
public final class Secrets {
  /** Options whose value is a secret. */
  public static final Set<String> SECRET_OPTIONS =
      Set.of("--secret-key", "--api-key", "--login-id");

  /**
   * Environment variables whose value is a secret (comma-separated lists are split): the service's
   * and loginIds.
   */
  public static final Set<String> SECRET_VARIABLES = secretVariables();

  private static final String MASK = "***";
  // Shorter values would mask ordinary words; real keys and loginIds are GUID-sized.
  private static final int SIGNIFICANT_LENGTH = 4;

  private final List<String> values;

  private Secrets(Collection<String> values) {
    List<String> significant = new ArrayList<>();
    for (String v : values) {
      if (v != null && v.strip().length() >= SIGNIFICANT_LENGTH) {
        significant.add(v.strip());
      }
    }
    // Longest first, so a secret containing another is masked whole.
    significant.sort(Comparator.comparingInt(String::length).reversed());
    this.values = List.copyOf(significant);
  }

  private static Set<String> secretVariables() {
    Set<String> variables = new java.util.HashSet<>(ServiceKeys.SECRETS);
    variables.add(ServiceKeys.FLINKS_LOGIN_ID);
    return Set.copyOf(variables);
  }

  /** Exactly these values (nulls and very short values ignored). */
  public static Secrets of(String... values) {
    return new Secrets(java.util.Arrays.asList(values));
  }

  /**
   * Secrets given as option values in {@code args} (both {@code --opt value} and {@code
   * --opt=value}) or in {@code env}.
   */
  public static Secrets from(String[] args, Map<String, String> env) {
    List<String> found = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int eq = arg.indexOf('=');
      String name = eq > 0 ? arg.substring(0, eq) : arg;
      if (SECRET_OPTIONS.contains(name)) {
        if (eq > 0) {
          found.add(arg.substring(eq + 1));
        } else if (i + 1 < args.length) {
          found.add(args[i + 1]);
        }
      }
    }
    SECRET_VARIABLES.forEach(variable -> {
      String value = env.get(variable);
      if (value != null) {
        found.add(value);
        found.addAll(List.of(value.split(",")));
      }
    });
    return new Secrets(found);
  }

  /** These secrets plus {@code more}. */
  public Secrets with(String... more) {
    List<String> all = new ArrayList<>(values);
    all.addAll(java.util.Arrays.asList(more));
    return new Secrets(all);
  }

  /** {@code text} with every secret replaced by {@code ***}. */
  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : values) {
      result = result.replace(secret, MASK);
    }
    return result;
  }

  @Override
  public String toString() {
    return "Secrets[" + values.size() + " values]";
  }
}
