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

  /** A builder with every field unset (null, or the type's zero). */
  public static Builder builder() {
    return new Builder();
  }

  /** Sets the fields of a {@link KycPayload} by name, so two of the same type cannot be swapped. */
  public static final class Builder {
    private String responseType;
    private Integer httpStatusCode;
    private List<Holder> holders;
    private Login login;
    private String institution;
    private String requestId;
    private String tag;
    private Map<String, JsonNode> extra;
    private RawJson raw;

    private Builder() {}

    public Builder responseType(String responseType) {
      this.responseType = responseType;
      return this;
    }

    public Builder httpStatusCode(Integer httpStatusCode) {
      this.httpStatusCode = httpStatusCode;
      return this;
    }

    public Builder holders(List<Holder> holders) {
      this.holders = holders;
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

    public Builder requestId(String requestId) {
      this.requestId = requestId;
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

    public KycPayload build() {
      return new KycPayload(
          responseType, httpStatusCode, holders, login, institution, requestId, tag, extra, raw);
    }
  }
}
