package io.flinks4j.client.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Flinks account category ({@code Operations}, {@code Credits}, {@code Products}, {@code Other});
 * an open value so a category Flinks adds later is kept verbatim instead of failing the parse.
 *
 * @param value the wire value, exactly as Flinks sent it
 */
public record AccountCategory(@JsonValue String value) {
  public static final AccountCategory OPERATIONS = new AccountCategory("Operations");
  public static final AccountCategory CREDITS = new AccountCategory("Credits");
  public static final AccountCategory PRODUCTS = new AccountCategory("Products");
  public static final AccountCategory OTHER = new AccountCategory("Other");

  public AccountCategory {
    OpenValue.require(value, "category");
  }

  /** The category for a wire value, reusing the constants for documented values. */
  public static AccountCategory of(String value) {
    return switch (value) {
      case "Operations" -> OPERATIONS;
      case "Credits" -> CREDITS;
      case "Products" -> PRODUCTS;
      case "Other" -> OTHER;
      default -> new AccountCategory(value);
    };
  }

  /** Whether this is one of the values documented by Flinks. */
  public boolean isKnown() {
    return this.equals(OPERATIONS)
        || this.equals(CREDITS)
        || this.equals(PRODUCTS)
        || this.equals(OTHER);
  }

  @Override
  public String toString() {
    return value;
  }
}
