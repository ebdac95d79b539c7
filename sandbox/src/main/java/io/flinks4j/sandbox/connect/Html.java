package io.flinks4j.sandbox.connect;

/**
 * Escaping for the two contexts the page writes values into: HTML text/attributes and inline JSON.
 */
final class Html {

  private Html() {}

  /** Escapes text for element content and double- or single-quoted attribute values. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Makes serialized JSON safe inside a {@code <script type="application/json">} element: with no
   * {@code <}, {@code >} or {@code &} left (they can only occur inside JSON strings, where the
   * unicode escape means the same), no value can close the element.
   */
  static String scriptSafeJson(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }
}
