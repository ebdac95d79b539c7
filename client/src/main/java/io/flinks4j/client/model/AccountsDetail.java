package io.flinks4j.client.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The full data of a login as returned by a 200 from {@code /GetAccountsDetail} (or its Async poll,
 * or a {@code GetAccountsDetail} webhook); the exact bytes received stay available through {@link
 * #raw()}.
 *
 * @param httpStatusCode the {@code HttpStatusCode} Flinks repeats in the body, or null
 * @param accounts the accounts, possibly empty
 * @param institutionName institution display name, or null
 * @param login the login the data belongs to, or null
 * @param institutionId numeric institution id (e.g. 14 for FlinksCapital), or null
 * @param institution institution code such as {@code FlinksCapital}, or null
 * @param requestId the session's RequestId, or null (webhooks may omit it)
 * @param links hypermedia links, possibly empty
 * @param tag the custom tag given to Connect or {@code /Authorize}, or null
 * @param responseType {@code GetAccountsDetail} on webhooks, null on API responses
 * @param extra top-level fields not modelled here, kept as received
 * @param raw the body exactly as received
 */
public record AccountsDetail(
    Integer httpStatusCode,
    List<Account> accounts,
    String institutionName,
    Login login,
    Integer institutionId,
    String institution,
    String requestId,
    List<Link> links,
    String tag,
    String responseType,
    Map<String, JsonNode> extra,
    @JsonIgnore RawJson raw)
    implements AccountsPayload {

  public AccountsDetail {
    accounts = Extras.list(accounts);
    links = Extras.list(links);
    extra = Extras.of(extra);
  }

  @Override
  public String toString() {
    return "AccountsDetail[requestId="
        + requestId
        + ", institution="
        + institution
        + ", login="
        + login
        + ", accounts="
        + accounts.size()
        + ", raw="
        + raw
        + "]";
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Sets the fields of an {@link AccountsDetail} by name. */
  public static final class Builder extends AccountsPayload.Builder<Builder> {
    private String responseType;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    public Builder responseType(String responseType) {
      this.responseType = responseType;
      return this;
    }

    public AccountsDetail build() {
      return new AccountsDetail(
          httpStatusCode,
          accounts,
          institutionName,
          login,
          institutionId,
          institution,
          requestId,
          links,
          tag,
          responseType,
          extra,
          raw);
    }
  }
}
