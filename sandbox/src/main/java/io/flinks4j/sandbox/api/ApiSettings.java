package io.flinks4j.sandbox.api;

import io.flinks4j.sandbox.Requirement;

/** The credentials of the emulated Flinks instance and how strictly they are checked. */
public record ApiSettings(
    String customerId,
    String secretKey,
    String apiKey,
    Requirement authorizeToken,
    Requirement apiKeyRequirement) {

  @Override
  public String toString() {
    return "ApiSettings[authorizeToken="
        + authorizeToken
        + ", apiKeyRequirement="
        + apiKeyRequirement
        + "]";
  }
}
