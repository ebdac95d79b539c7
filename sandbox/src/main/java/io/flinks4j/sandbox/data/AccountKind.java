package io.flinks4j.sandbox.data;

/**
 * The kinds of accounts the generator produces, with the Flinks {@code Type} and {@code Category}.
 */
public enum AccountKind {
  CHEQUING("Chequing", "Operations", false),
  SAVINGS("Savings", "Operations", false),
  CREDIT_CARD("CreditCard", "Credits", true),
  LINE_OF_CREDIT("LineOfCredit", "Credits", true);

  private final String type;
  private final String category;
  private final boolean credit;

  AccountKind(String type, String category, boolean credit) {
    this.type = type;
    this.category = category;
    this.credit = credit;
  }

  public String type() {
    return type;
  }

  public String category() {
    return category;
  }

  /** Credit accounts carry a negative balance (the amount owed) and a credit limit. */
  public boolean credit() {
    return credit;
  }
}
