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

  /** A builder with every field unset (null, or the type's zero). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sets the fields of a {@link ResponseEnvelope} by name, so two of the same type cannot be
   * swapped.
   */
  public static final class Builder {
    private Integer httpStatusCode;
    private String flinksCode;
    private String message;
    private String requestId;
    private String token;
    private List<Link> links;
    private List<SecurityChallenge> securityChallenges;
    private Login login;
    private String institution;
    private String institutionName;
    private Integer institutionId;
    private String tag;
    private Map<String, JsonNode> extra;
    private RawJson raw;

    private Builder() {}

    public Builder httpStatusCode(Integer httpStatusCode) {
      this.httpStatusCode = httpStatusCode;
      return this;
    }

    public Builder flinksCode(String flinksCode) {
      this.flinksCode = flinksCode;
      return this;
    }

    public Builder message(String message) {
      this.message = message;
      return this;
    }

    public Builder requestId(String requestId) {
      this.requestId = requestId;
      return this;
    }

    public Builder token(String token) {
      this.token = token;
      return this;
    }

    public Builder links(List<Link> links) {
      this.links = links;
      return this;
    }

    public Builder securityChallenges(List<SecurityChallenge> securityChallenges) {
      this.securityChallenges = securityChallenges;
      return this;
    }

    public Builder login(Login login) {
      this.login = login;
      return this;
    }

    public Builder institution(String institution) {
      this.institution = institution;
      return this;
    }

    public Builder institutionName(String institutionName) {
      this.institutionName = institutionName;
      return this;
    }

    public Builder institutionId(Integer institutionId) {
      this.institutionId = institutionId;
      return this;
    }

    public Builder tag(String tag) {
      this.tag = tag;
      return this;
    }

    public Builder extra(Map<String, JsonNode> extra) {
      this.extra = extra;
      return this;
    }

    public Builder raw(RawJson raw) {
      this.raw = raw;
      return this;
    }

    public ResponseEnvelope build() {
      return new ResponseEnvelope(
          httpStatusCode,
          flinksCode,
          message,
          requestId,
          token,
          links,
          securityChallenges,
          login,
          institution,
          institutionName,
          institutionId,
          tag,
          extra,
          raw);
    }
  }
}
