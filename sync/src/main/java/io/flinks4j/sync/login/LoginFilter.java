package io.flinks4j.sync.login;

import java.util.Locale;
import java.util.Optional;

/**
 * What {@code GET /v1/logins} narrows the stored logins to in SQL: a tag containing a text and an
 * institution, both case-insensitive. The loginId is stored encrypted, so its prefix (and the
 * retrieval state, kept by the engine) are matched after reading, by the caller.
 *
 * @param tagContains text the tag must contain
 * @param institution institution code it must have (Flinks's {@code Institution}, e.g. {@code
 *     FlinksCapital})
 */
public record LoginFilter(Optional<String> tagContains, Optional<String> institution) {

  /** No narrowing: every login. */
  public static final LoginFilter ALL = new LoginFilter(Optional.empty(), Optional.empty());

  /** The {@code like} pattern of {@link #tagContains}, its wildcards escaped with {@code \}. */
  String tagPattern() {
    return "%"
        + tagContains
            .orElseThrow()
            .toLowerCase(Locale.ROOT)
            .replace("\\", "\\\\")
            .replace("%", "\\%")
            .replace("_", "\\_")
        + "%";
  }
}
