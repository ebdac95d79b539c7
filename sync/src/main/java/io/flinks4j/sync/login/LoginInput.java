package io.flinks4j.sync.login;

import java.util.regex.Pattern;

/**
 * What a loginId and a tag from outside (the API, a webhook) must look like before anything stores
 * them: Flinks loginIds are GUIDs, and a tag is short text without control characters, so no NUL
 * byte or terminal escape ever reaches the database, a log line or the dashboard.
 */
public final class LoginInput {

  /** Longest accepted tag, in characters (UTF-16 code units). */
  public static final int MAX_TAG_LENGTH = 200;

  /** Most AccountIds one login may filter on. */
  public static final int MAX_ACCOUNT_IDS = 50;

  private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private LoginInput() {}

  /** True for a GUID in its 36-character form ({@code 8-4-4-4-12} hex digits, any case). */
  public static boolean isGuid(String loginId) {
    return loginId != null && loginId.length() == 36 && GUID.matcher(loginId).matches();
  }

  /**
   * True for a tag of at most {@link #MAX_TAG_LENGTH} characters with no control character (C0,
   * DEL, C1) and no unpaired surrogate (which no database encoding can store).
   */
  public static boolean isValidTag(String tag) {
    if (tag == null || tag.length() > MAX_TAG_LENGTH) {
      return false;
    }
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      if (Character.isISOControl(c)) {
        return false;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < tag.length()
          && Character.isLowSurrogate(tag.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * True for an AccountId as Flinks issues them (a GUID) or as older instances show them: 1-100
   * letters, digits and {@code _ . : -}; no comma, so a list of them stores as comma-separated
   * text.
   */
  public static boolean isValidAccountId(String accountId) {
    return accountId != null && ACCOUNT_ID.matcher(accountId).matches();
  }

  /** True for the days of transactions Flinks offers: 90 or 365. */
  public static boolean isValidDays(int days) {
    return days == 90 || days == 365;
  }
}
