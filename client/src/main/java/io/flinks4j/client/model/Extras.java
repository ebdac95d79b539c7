package io.flinks4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Normalises the collections in model records: never null, unmodifiable, cheap when already
 * normalised.
 */
final class Extras {
  private Extras() {}

  static Map<String, JsonNode> of(Map<String, JsonNode> extra) {
    if (extra == null || extra.isEmpty()) {
      return Map.of();
    }
    return extra instanceof UnmodifiableMarker
        ? extra
        : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /**
   * Marks maps built by the parser that are already private copies (avoids a second copy per
   * object).
   */
  interface UnmodifiableMarker {}

  /** An insertion-ordered, read-only map handed over by the parser. */
  static final class Frozen extends java.util.AbstractMap<String, JsonNode>
      implements UnmodifiableMarker {
    private final Map<String, JsonNode> delegate;

    Frozen(LinkedHashMap<String, JsonNode> delegate) {
      this.delegate = Collections.unmodifiableMap(delegate);
    }

    @Override
    public java.util.Set<Entry<String, JsonNode>> entrySet() {
      return delegate.entrySet();
    }

    @Override
    public JsonNode get(Object key) {
      return delegate.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return delegate.containsKey(key);
    }
  }
}
