package io.flinks4j.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sync.retrieval.RetrievalState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One login at the end of a run: the state and failure fields {@code GET /v1/logins/{loginId}}
 * shows, and how its stored accounts and transactions compare with the sandbox's ground truth.
 *
 * @param reason every field of the login whose name mentions an error or a reason ({@code
 *     errorCode} today; {@code errorReason} or {@code reason} when the API adds them) as {@code
 *     name=value}, {@code null} values included, so a failure with no code reads {@code
 *     errorCode=null}
 */
record LoginCheck(
    ChaosLogin login, String state, String reason, Tally accounts, Tally transactions) {

  private static final Pattern REASON_FIELD = Pattern.compile("(?i).*(error|reason).*");

  boolean ready() {
    return state.equals(RetrievalState.READY.wireName());
  }

  /**
   * The {@code name=value} list of the error and reason fields of a login's JSON, in the API's
   * order.
   */
  static String reasonOf(JsonNode login) {
    List<String> fields = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = login.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (REASON_FIELD.matcher(field.getKey()).matches()) {
        JsonNode value = field.getValue();
        fields.add(field.getKey() + "=" + (value.isTextual() ? value.asText() : value.toString()));
      }
    }
    return fields.isEmpty() ? "null" : String.join(" ", fields);
  }
}
