package io.flinks4j.sandbox.connect;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The query parameters of a Connect launch ({@code GET /v2/?...}) that change what the sandbox
 * does. Names are matched in any case ({@code tag} and {@code Tag} are both documented). {@code
 * consentEnable} defaults to true, as in the current docs; {@code closeEnable} adds the close
 * button. Other UI-only parameters ({@code demo}, {@code backEnable}, themes, ...) are accepted and
 * ignored: every emulated institution is always listed.
 */
record LaunchParams(
    String authorizeToken,
    String redirectUrl,
    boolean innerRedirect,
    String tag,
    String requestId,
    Lang lang,
    boolean accountSelector,
    boolean showAllAccounts,
    boolean stringify,
    boolean consent,
    boolean closeButton) {

  private static final int MAX_VALUE_LENGTH = 2048;

  static LaunchParams parse(Map<String, List<String>> query) {
    Map<String, String> q = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    query.forEach((key, values) -> {
      if (!values.isEmpty() && !q.containsKey(key)) {
        q.put(key, values.getFirst());
      }
    });
    return LaunchParams.builder()
        .authorizeToken(blankToNull(q.get("authorizeToken")))
        .redirectUrl(blankToNull(q.get("redirectUrl")))
        .innerRedirect(flag(q.get("innerRedirect")))
        .tag(blankToNull(q.get("tag")))
        .requestId(blankToNull(q.get("requestId")))
        .lang(Lang.of(q.get("language")))
        .accountSelector(flag(q.get("accountSelectorEnable")))
        .showAllAccounts(flag(q.get("showAllAccounts")))
        .stringify(flag(q.get("stringify")))
        .consent(!"false".equalsIgnoreCase(blankToEmpty(q.get("consentEnable"))))
        .closeButton(flag(q.get("closeEnable")))
        .build();
  }

  /**
   * Why the launch cannot go on, before any token is spent on it; empty when the parameters are
   * usable.
   */
  Optional<Msg> problem() {
    for (String value : new String[] {authorizeToken, redirectUrl, tag, requestId}) {
      if (value != null && value.length() > MAX_VALUE_LENGTH) {
        return Optional.of(Msg.VALUE_TOO_LONG);
      }
    }
    if (redirectUrl != null && !isHttpUrl(redirectUrl)) {
      return Optional.of(Msg.BAD_REDIRECT_URL);
    }
    return Optional.empty();
  }

  /**
   * Only absolute http(s) URLs may be redirected to: a {@code javascript:} or {@code data:}
   * redirectUrl would run script in the page's origin.
   */
  private static boolean isHttpUrl(String url) {
    if (url.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == ' ')) {
      return false;
    }
    String lower = url.toLowerCase(Locale.ROOT);
    int hostStart = lower.startsWith("https://") ? 8 : lower.startsWith("http://") ? 7 : -1;
    return hostStart > 0 && url.length() > hostStart && "/?#".indexOf(url.charAt(hostStart)) < 0;
  }

  private static boolean flag(String value) {
    return value != null && value.trim().equalsIgnoreCase("true");
  }

  private static String blankToEmpty(String value) {
    return value == null ? "" : value.trim();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** The token is a one-time secret: never print it. */
  @Override
  public String toString() {
    return "LaunchParams[redirectUrl="
        + redirectUrl
        + ", innerRedirect="
        + innerRedirect
        + ", tag="
        + tag
        + ", resume="
        + (requestId != null)
        + ", lang="
        + lang.code()
        + ", accountSelector="
        + accountSelector
        + ", stringify="
        + stringify
        + ", consent="
        + consent
        + ", closeButton="
        + closeButton
        + "]";
  }

  /** A builder with every field unset (null, or the type's zero). */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Sets the fields of a {@link LaunchParams} by name, so two of the same type cannot be swapped.
   */
  static final class Builder {
    private String authorizeToken;
    private String redirectUrl;
    private boolean innerRedirect;
    private String tag;
    private String requestId;
    private Lang lang;
    private boolean accountSelector;
    private boolean showAllAccounts;
    private boolean stringify;
    private boolean consent;
    private boolean closeButton;

    private Builder() {}

    Builder authorizeToken(String authorizeToken) {
      this.authorizeToken = authorizeToken;
      return this;
    }

    Builder redirectUrl(String redirectUrl) {
      this.redirectUrl = redirectUrl;
      return this;
    }

    Builder innerRedirect(boolean innerRedirect) {
      this.innerRedirect = innerRedirect;
      return this;
    }

    Builder tag(String tag) {
      this.tag = tag;
      return this;
    }

    Builder requestId(String requestId) {
      this.requestId = requestId;
      return this;
    }

    Builder lang(Lang lang) {
      this.lang = lang;
      return this;
    }

    Builder accountSelector(boolean accountSelector) {
      this.accountSelector = accountSelector;
      return this;
    }

    Builder showAllAccounts(boolean showAllAccounts) {
      this.showAllAccounts = showAllAccounts;
      return this;
    }

    Builder stringify(boolean stringify) {
      this.stringify = stringify;
      return this;
    }

    Builder consent(boolean consent) {
      this.consent = consent;
      return this;
    }

    Builder closeButton(boolean closeButton) {
      this.closeButton = closeButton;
      return this;
    }

    LaunchParams build() {
      return new LaunchParams(
          authorizeToken,
          redirectUrl,
          innerRedirect,
          tag,
          requestId,
          lang,
          accountSelector,
          showAllAccounts,
          stringify,
          consent,
          closeButton);
    }
  }
}
