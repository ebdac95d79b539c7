package io.flinks4j.client.model;

/**
 * Shared checks for the small open-ended value types (Flinks adds values over time, so no Java
 * enums).
 */
final class OpenValue {
  private OpenValue() {}

  static String require(String value, String what) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be null or empty");
    }
    return value;
  }
}
