package io.flinks4j.sandbox.connect;

import java.util.Locale;

/**
 * The two languages of Flinks Connect; also the language of the bank session, hence part of a
 * loginId.
 */
enum Lang {
  EN("en", Locale.CANADA),
  FR("fr", Locale.CANADA_FRENCH);

  private final String code;
  private final Locale locale;

  Lang(String code, Locale locale) {
    this.code = code;
    this.locale = locale;
  }

  /**
   * {@code fr}, {@code FR} or {@code fr-CA} give French; anything else, or nothing, the default
   * English.
   */
  static Lang of(String value) {
    return value != null && value.trim().toLowerCase(Locale.ROOT).startsWith("fr") ? FR : EN;
  }

  String code() {
    return code;
  }

  Locale locale() {
    return locale;
  }
}
