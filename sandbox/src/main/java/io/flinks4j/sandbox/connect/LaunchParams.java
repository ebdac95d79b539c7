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
    return new LaunchParams(
        blankToNull(q.get("authorizeToken")),
        blankToNull(q.get("redirectUrl")),
        flag(q.get("innerRedirect")),
        blankToNull(q.get("tag")),
        blankToNull(q.get("requestId")),
        Lang.of(q.get("language")),
        flag(q.get("accountSelectorEnable")),
        flag(q.get("showAllAccounts")),
        flag(q.get("stringify")),
        !"false".equalsIgnoreCase(blankToEmpty(q.get("consentEnable"))),
        flag(q.get("closeEnable")));
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
}
