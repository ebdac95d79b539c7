package io.flinks4j.sync.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque keyset-pagination cursors: the position after the last row of a page, Base64url-encoded
 * and tagged with the listing it belongs to, so a cursor from one listing is refused by another.
 */
public final class Cursor {

  private static final char SEPARATOR = '|';

  private Cursor() {}

  public static String encode(String kind, String... parts) {
    StringBuilder text = new StringBuilder(kind);
    for (String part : parts) {
      text.append(SEPARATOR).append(part);
    }
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The {@code count} parts of a cursor of {@code kind}.
   *
   * @throws ApiException 400 {@code invalid_cursor} for anything else
   */
  public static String[] decode(String kind, String cursor, int count) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    String[] parts = text.split("\\|", -1);
    if (parts.length != count + 1 || !parts[0].equals(kind)) {
      throw invalid();
    }
    String[] values = new String[count];
    System.arraycopy(parts, 1, values, 0, count);
    return values;
  }

  public static ApiException invalid() {
    return ApiException.badRequest("invalid_cursor", "cursor is not one returned by this listing");
  }
}
