package io.flinks4j.client;

/**
 * A single-use authorize token minted by {@code /GenerateAuthorizeToken}; it opens exactly one
 * {@code /Authorize} session or one Connect launch and dies 30 minutes after minting, so mint one
 * right before use and never cache it.
 *
 * @param value the token; never printed by {@code toString()}
 */
public record AuthorizeToken(String value) {
  public AuthorizeToken {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("authorize token must not be blank");
    }
  }

  @Override
  public String toString() {
    return "AuthorizeToken[***]";
  }
}
