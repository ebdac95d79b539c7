package io.flinks4j.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Masks the client's secrets, plus per-call ones (tokens, loginIds), in any text that may reach a
 * message or log.
 */
final class Redactor {
  static final String MASK = "***";
  private final List<String> secrets;

  Redactor(String... secrets) {
    this.secrets = significant(java.util.Arrays.asList(secrets));
  }

  String scrub(String text, List<String> callSecrets) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MASK);
    }
    for (String secret : significant(callSecrets)) {
      result = result.replace(secret, MASK);
    }
    return result;
  }

  // Very short values would mask innocent text everywhere; real keys, tokens and loginIds are
  // GUID-sized.
  private static List<String> significant(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      if (v != null && v.length() >= 4) {
        out.add(v);
      }
    }
    return out;
  }
}
