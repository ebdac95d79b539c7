package io.flinks4j.sandbox.connect;

import io.flinks4j.sandbox.engine.FlinksCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message the Connect page posts to {@code window.parent}: a step event {@code {step, ...}} or
 * an error event {@code {requestId, flinksCode, institution}} (docs section 10). When the launch
 * carried a tag, every event echoes it as {@code tag}.
 */
record ConnectEvent(Map<String, Object> fields) {

  ConnectEvent {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  static ConnectEvent step(String step, String tag, Object... keyValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("step", step);
    for (int i = 0; i < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) {
        fields.put((String) keyValues[i], keyValues[i + 1]);
      }
    }
    if (tag != null) {
      fields.put("tag", tag);
    }
    return new ConnectEvent(fields);
  }

  /**
   * The documented error shape; {@code requestId} and {@code institution} are null when not known
   * yet.
   */
  static ConnectEvent error(String requestId, FlinksCode code, String institution, String tag) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("requestId", requestId);
    fields.put("flinksCode", code.name());
    fields.put("institution", institution);
    if (tag != null) {
      fields.put("tag", tag);
    }
    return new ConnectEvent(fields);
  }

  /** Events carry loginIds and requestIds: only the step or code is printed. */
  @Override
  public String toString() {
    return "ConnectEvent[" + fields.getOrDefault("step", fields.get("flinksCode")) + "]";
  }
}
