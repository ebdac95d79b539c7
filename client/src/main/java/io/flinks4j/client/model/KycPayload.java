package io.flinks4j.client.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The early holder-only data Flinks pushes in a {@code KYC} webhook before the full {@code
 * GetAccountsDetail} one.
 *
 * @param responseType {@code KYC}
 * @param httpStatusCode the {@code HttpStatusCode} in the body, or null
 * @param holders the account holders
 * @param login the login (correlate with the later detail webhook by its id), or null
 * @param institution institution code, or null
 * @param requestId the session's RequestId, or null
 * @param tag custom tag, or null
 * @param extra fields not modelled here, kept as received
 * @param raw the body exactly as received
 */
public record KycPayload(
    String responseType,
    Integer httpStatusCode,
    List<Holder> holders,
    Login login,
    String institution,
    String requestId,
    String tag,
    Map<String, JsonNode> extra,
    @JsonIgnore RawJson raw) {

  public KycPayload {
    holders = Extras.list(holders);
    extra = Extras.of(extra);
  }

  /** The body exactly as received, decoded as UTF-8. */
  public String rawJson() {
    return raw == null ? null : raw.asString();
  }

  @Override
  public String toString() {
    return "KycPayload[requestId="
        + requestId
        + ", institution="
        + institution
        + ", login="
        + login
        + ", holders="
        + holders.size()
        + "]";
  }
}
