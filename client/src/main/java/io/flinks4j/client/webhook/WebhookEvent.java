package io.flinks4j.client.webhook;

import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.client.model.KycPayload;
import io.flinks4j.client.model.RawJson;

/**
 * A verified Flinks webhook delivery. Flinks retries deliveries (up to 10 times, 30 minutes apart),
 * so receivers must deduplicate, e.g. on ({@link #responseType()}, {@link #requestId()}).
 */
public sealed interface WebhookEvent {

  /** {@code GetAccountsDetail} or {@code KYC}. */
  String responseType();

  /** The session's RequestId, or null when the payload has none. */
  String requestId();

  /** The loginId the data belongs to (from {@code Login.Id}), or null; a secret, do not log it. */
  String loginId();

  /** The body exactly as delivered. */
  RawJson raw();

  /**
   * The full data after a Connect session's aggregation completed (same body as a {@code
   * /GetAccountsDetail} 200).
   *
   * @param detail the parsed payload
   */
  record AccountsDetailWebhook(AccountsDetail detail) implements WebhookEvent {
    @Override
    public String responseType() {
      return "GetAccountsDetail";
    }

    @Override
    public String requestId() {
      return detail.requestId();
    }

    @Override
    public String loginId() {
      return detail.loginId();
    }

    @Override
    public RawJson raw() {
      return detail.raw();
    }
  }

  /**
   * Early holder data; a {@code GetAccountsDetail} webhook for the same login follows later.
   *
   * @param kyc the parsed payload
   */
  record KycWebhook(KycPayload kyc) implements WebhookEvent {
    @Override
    public String responseType() {
      return "KYC";
    }

    @Override
    public String requestId() {
      return kyc.requestId();
    }

    @Override
    public String loginId() {
      return kyc.login() == null ? null : kyc.login().id();
    }

    @Override
    public RawJson raw() {
      return kyc.raw();
    }
  }
}
