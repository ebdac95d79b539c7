package io.flinks4j.sandbox.engine;

import java.util.Locale;
import java.util.Optional;

/** An institution the sandbox emulates; only the Flinks test bank for now. */
public record Institution(String code, String name, int id) {

  public static final Institution FLINKS_CAPITAL = new Institution("FlinksCapital", "FlinksCapital", 14);

  /** Resolves a code as clients send it: any case, with or without the space ("Flinks Capital"). */
  public static Optional<Institution> find(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String key = code.replace(" ", "").toLowerCase(Locale.ROOT);
    return key.equals("flinkscapital") ? Optional.of(FLINKS_CAPITAL) : Optional.empty();
  }
}
