package io.flinks4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * The saved connection ({@code Login}) a response belongs to; its {@code id} is the loginId that
 * never expires, so {@code toString()} never shows it or the bank username.
 *
 * @param id the loginId (a GUID, or a masked value such as {@code xxxxxxxx-...}); may be null
 * @param username the bank username of the connection; may be null
 * @param isScheduledRefresh whether Flinks refreshes this login nightly; null when absent
 * @param lastRefresh last successful aggregation, in UTC (Flinks sends it without a zone suffix);
 *     may be null
 * @param type personal or business login; may be null
 * @param extra fields Flinks sent that this version does not model, kept as received
 */
public record Login(
    String id,
    String username,
    Boolean isScheduledRefresh,
    @JsonSerialize(using = ToStringSerializer.class) LocalDateTime lastRefresh,
    AccountType type,
    Map<String, JsonNode> extra) {

  public Login {
    extra = Extras.of(extra);
  }

  @Override
  public String toString() {
    return "Login[id="
        + (id == null ? "null" : "***")
        + ", username="
        + (username == null ? "null" : "***")
        + ", isScheduledRefresh="
        + isScheduledRefresh
        + ", lastRefresh="
        + lastRefresh
        + ", type="
        + type
        + "]";
  }
}
