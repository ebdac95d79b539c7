package io.flinks4j.sync.retrieval;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a retrieval reads Flinks's last aggregation or makes Flinks log in to the bank now. */
public enum RetrievalMode {
  /** {@code MostRecentCached: true}: no bank contact, never MFA. */
  CACHED,
  /** {@code MostRecentCached: false, Save: true}: a refresh at the bank, may ask MFA. */
  LIVE,
  /** Not requested by us: the data arrived in a Flinks webhook. */
  WEBHOOK;

  /** The persisted and wire form. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static RetrievalMode fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
