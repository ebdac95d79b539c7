package io.flinks4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What {@link AccountsDetail} and {@link AccountsSummary} share: the accounts of a login and the
 * session they came from, so code that only needs the accounts takes either.
 */
public sealed interface AccountsPayload permits AccountsDetail, AccountsSummary {

  /** The {@code HttpStatusCode} Flinks repeats in the body, or null. */
  Integer httpStatusCode();

  /** The accounts, possibly empty. */
  List<Account> accounts();

  /** Institution display name, or null. */
  String institutionName();

  /** The login the data belongs to, or null. */
  Login login();

  /** Numeric institution id (e.g. 14 for FlinksCapital), or null. */
  Integer institutionId();

  /** Institution code such as {@code FlinksCapital}, or null. */
  String institution();

  /** The session's RequestId, or null (webhooks may omit it). */
  String requestId();

  /** Hypermedia links, possibly empty. */
  List<Link> links();

  /** The custom tag given to Connect or {@code /Authorize}, or null. */
  String tag();

  /** Top-level fields not modelled here, kept as received. */
  Map<String, JsonNode> extra();

  /** The body exactly as received. */
  RawJson raw();

  /** The body exactly as received, decoded as UTF-8. */
  default String rawJson() {
    return raw() == null ? null : raw().asString();
  }

  /** The loginId of {@link #login()}, or null. */
  default String loginId() {
    return login() == null ? null : login().id();
  }

  /**
   * Sets the shared fields by name; {@link AccountsDetail.Builder} and {@link
   * AccountsSummary.Builder} add their own.
   *
   * @param <B> the concrete builder, returned by every setter
   */
  abstract sealed class Builder<B extends Builder<B>>
      permits AccountsDetail.Builder, AccountsSummary.Builder {
    Integer httpStatusCode;
    List<Account> accounts;
    String institutionName;
    Login login;
    Integer institutionId;
    String institution;
    String requestId;
    List<Link> links;
    String tag;
    Map<String, JsonNode> extra;
    RawJson raw;

    Builder() {}

    abstract B self();

    public B httpStatusCode(Integer httpStatusCode) {
      this.httpStatusCode = httpStatusCode;
      return self();
    }

    public B accounts(List<Account> accounts) {
      this.accounts = accounts;
      return self();
    }

    public B institutionName(String institutionName) {
      this.institutionName = institutionName;
      return self();
    }

    public B login(Login login) {
      this.login = login;
      return self();
    }

    public B institutionId(Integer institutionId) {
      this.institutionId = institutionId;
      return self();
    }

    public B institution(String institution) {
      this.institution = institution;
      return self();
    }

    public B requestId(String requestId) {
      this.requestId = requestId;
      return self();
    }

    public B links(List<Link> links) {
      this.links = links;
      return self();
    }

    public B tag(String tag) {
      this.tag = tag;
      return self();
    }

    public B extra(Map<String, JsonNode> extra) {
      this.extra = extra;
      return self();
    }

    public B raw(RawJson raw) {
      this.raw = raw;
      return self();
    }
  }
}
