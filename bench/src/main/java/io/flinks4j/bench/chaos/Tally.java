package io.flinks4j.bench.chaos;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Stored rows against the expected ones, by key (an account, or an account and a Flinks transaction
 * id).
 *
 * @param missing expected keys with no stored row (lost)
 * @param duplicated stored rows beyond the first of a key
 * @param unexpected stored keys the sandbox does not serve
 */
record Tally(int expected, int missing, int duplicated, int unexpected) {

  static final Tally NONE = new Tally(0, 0, 0, 0);

  /**
   * @param stored rows per key as read back from the service
   */
  static Tally of(Set<String> expected, Map<String, Integer> stored) {
    Set<String> missing = new HashSet<>(expected);
    missing.removeAll(stored.keySet());
    Set<String> unexpected = new HashSet<>(stored.keySet());
    unexpected.removeAll(expected);
    int duplicated = stored.values().stream().mapToInt(rows -> rows - 1).sum();
    return new Tally(expected.size(), missing.size(), duplicated, unexpected.size());
  }

  Tally plus(Tally other) {
    return new Tally(
        expected + other.expected,
        missing + other.missing,
        duplicated + other.duplicated,
        unexpected + other.unexpected);
  }
}
