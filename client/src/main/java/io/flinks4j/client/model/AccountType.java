package io.flinks4j.client.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Personal or business ownership of an account or login ({@code AccountType}, {@code Login.Type});
 * open so new values are kept verbatim.
 *
 * @param value the wire value, exactly as Flinks sent it
 */
public record AccountType(@JsonValue String value) {
  public static final AccountType PERSONAL = new AccountType("Personal");
  public static final AccountType BUSINESS = new AccountType("Business");

  public AccountType {
    OpenValue.require(value, "account type");
  }

  /** The type for a wire value, reusing the constants for documented values. */
  public static AccountType of(String value) {
    return switch (value) {
      case "Personal" -> PERSONAL;
      case "Business" -> BUSINESS;
      default -> new AccountType(value);
    };
  }

  /** Whether this is one of the values documented by Flinks. */
  public boolean isKnown() {
    return this.equals(PERSONAL) || this.equals(BUSINESS);
  }

  @Override
  public String toString() {
    return value;
  }
}
