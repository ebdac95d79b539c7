package io.flinks4j.client.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The common shape of every non-data Flinks answer (token, authorize, pending, error): one tolerant
 * record so the client can read any of them without guessing which one arrived. The token is never
 * shown by {@code toString()}.
 *
 * @param httpStatusCode {@code HttpStatusCode} from the body, or null
 * @param flinksCode {@code FlinksCode}, verbatim, or null
 * @param message {@code Message}, or null
 * @param requestId {@code RequestId}, or null
 * @param token {@code Token} (GenerateAuthorizeToken), or null
 * @param links {@code Links}, possibly empty
 * @param securityChallenges {@code SecurityChallenges} (203 MFA), possibly empty
 * @param login {@code Login}, or null
 * @param institution {@code Institution}, or null
 * @param institutionName {@code InstitutionName}, or null
 * @param institutionId {@code InstitutionId}, or null
 * @param tag {@code Tag}, or null
 * @param extra every other field, kept as received (for example a partial {@code Accounts} on a
 *     202)
 * @param raw the body exactly as received
 */
public record ResponseEnvelope(
    Integer httpStatusCode,
    String flinksCode,
    String message,
    String requestId,
    String token,
    List<Link> links,
    List<SecurityChallenge> securityChallenges,
    Login login,
    String institution,
    String institutionName,
    Integer institutionId,
    String tag,
    Map<String, JsonNode> extra,
    @JsonIgnore RawJson raw) {

  public ResponseEnvelope {
    links = Extras.list(links);
    securityChallenges = Extras.list(securityChallenges);
    extra = Extras.of(extra);
  }

  @Override
  public String toString() {
    return "ResponseEnvelope[httpStatusCode="
        + httpStatusCode
        + ", flinksCode="
        + flinksCode
        + ", message="
        + message
        + ", requestId="
        + requestId
        + ", token="
        + (token == null ? "null" : "***")
        + ", login="
        + login
        + ", securityChallenges="
        + securityChallenges
        + "]";
  }
}
