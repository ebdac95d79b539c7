package io.flinks4j.client.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Accounts of a login without transactions, as returned by a 200 from {@code /GetAccountsSummary}.
 *
 * @param httpStatusCode the {@code HttpStatusCode} repeated in the body, or null
 * @param accounts the accounts (their {@code transactions} are empty)
 * @param institutionName institution display name, or null
 * @param login the login, or null
 * @param institutionId numeric institution id, or null
 * @param institution institution code, or null
 * @param requestId the session's RequestId, or null
 * @param links hypermedia links, possibly empty
 * @param tag custom tag, or null
 * @param extra top-level fields not modelled here, kept as received
 * @param raw the body exactly as received
 */
public record AccountsSummary(
    Integer httpStatusCode,
    List<Account> accounts,
    String institutionName,
    Login login,
    Integer institutionId,
    String institution,
    String requestId,
    List<Link> links,
    String tag,
    Map<String, JsonNode> extra,
    @JsonIgnore RawJson raw)
    implements AccountsPayload {

  public AccountsSummary {
    accounts = Extras.list(accounts);
    links = Extras.list(links);
    extra = Extras.of(extra);
  }

  @Override
  public String toString() {
    return "AccountsSummary[requestId="
        + requestId
        + ", institution="
        + institution
        + ", login="
        + login
        + ", accounts="
        + accounts.size()
        + "]";
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Sets the fields of an {@link AccountsSummary} by name. */
  public static final class Builder extends AccountsPayload.Builder<Builder> {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    public AccountsSummary build() {
      return new AccountsSummary(
          httpStatusCode,
          accounts,
          institutionName,
          login,
          institutionId,
          institution,
          requestId,
          links,
          tag,
          extra,
          raw);
    }
  }
}
