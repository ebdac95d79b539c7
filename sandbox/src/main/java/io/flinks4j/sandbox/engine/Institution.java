package io.flinks4j.sandbox.engine;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An institution the sandbox emulates: the Flinks test bank and a few made-up banks (names of
 * well-known fictional companies, so no real bank is imitated) with test users of their own, to
 * fill a searchable institution list.
 */
public record Institution(String code, String name, int id) {

  public static final Institution FLINKS_CAPITAL =
      new Institution("FlinksCapital", "FlinksCapital", 14);
  public static final Institution CONTOSO = new Institution("ContosoBank", "Contoso Bank", 9001);
  public static final Institution NORTHWIND =
      new Institution("NorthwindCreditUnion", "Northwind Credit Union", 9002);
  public static final Institution FABRIKAM =
      new Institution("FabrikamSavings", "Fabrikam Savings", 9003);

  /** Every institution, in the order Connect lists them. */
  public static final List<Institution> ALL = List.of(FLINKS_CAPITAL, CONTOSO, FABRIKAM, NORTHWIND);

  /**
   * Resolves a code or a name as clients send it: any case, with or without spaces ("Flinks
   * Capital").
   */
  public static Optional<Institution> find(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String key = key(code);
    return ALL.stream()
        .filter(i -> key(i.code()).equals(key) || key(i.name()).equals(key))
        .findFirst();
  }

  private static String key(String text) {
    return text.replace(" ", "").toLowerCase(Locale.ROOT);
  }
}
