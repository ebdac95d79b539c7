package io.flinks4j.client.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * PDF statements of a login as returned by a 200 from {@code /GetStatements} (Canada only).
 *
 * @param httpStatusCode the {@code HttpStatusCode} in the body, or null
 * @param statementsByAccount statements grouped by account
 * @param login the login, or null
 * @param institution institution code, or null
 * @param requestId the session's RequestId, or null
 * @param extra fields not modelled here, kept as received
 * @param raw the body exactly as received
 */
public record Statements(
    Integer httpStatusCode,
    List<AccountStatements> statementsByAccount,
    Login login,
    String institution,
    String requestId,
    Map<String, JsonNode> extra,
    @JsonIgnore RawJson raw) {

  public Statements {
    statementsByAccount = Extras.list(statementsByAccount);
    extra = Extras.of(extra);
  }

  @Override
  public String toString() {
    return "Statements[requestId="
        + requestId
        + ", institution="
        + institution
        + ", accounts="
        + statementsByAccount.size()
        + "]";
  }

  /** A builder with every field unset (null, or the type's zero). */
  public static Builder builder() {
    return new Builder();
  }

  /** Sets the fields of a {@link Statements} by name, so two of the same type cannot be swapped. */
  public static final class Builder {
    private Integer httpStatusCode;
    private List<AccountStatements> statementsByAccount;
    private Login login;
    private String institution;
    private String requestId;
    private Map<String, JsonNode> extra;
    private RawJson raw;

    private Builder() {}

    public Builder httpStatusCode(Integer httpStatusCode) {
      this.httpStatusCode = httpStatusCode;
      return this;
    }

    public Builder statementsByAccount(List<AccountStatements> statementsByAccount) {
      this.statementsByAccount = statementsByAccount;
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

    public Builder extra(Map<String, JsonNode> extra) {
      this.extra = extra;
      return this;
    }

    public Builder raw(RawJson raw) {
      this.raw = raw;
      return this;
    }

    public Statements build() {
      return new Statements(
          httpStatusCode, statementsByAccount, login, institution, requestId, extra, raw);
    }
  }
}
