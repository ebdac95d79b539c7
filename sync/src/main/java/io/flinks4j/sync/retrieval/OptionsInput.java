package io.flinks4j.sync.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sync.http.ApiException;
import io.flinks4j.sync.login.LoginInput;
import io.flinks4j.sync.login.LoginOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a login's options from a request body ({@code POST /v1/logins}, {@code PATCH
 * /v1/logins/{loginId}}): a field left out keeps its value, {@code null} puts it back to the
 * service's default, anything malformed is a 400 naming the field.
 */
final class OptionsInput {

  // Descriptions of the option fields, shared by the request records that carry them.
  static final String ACCOUNT_IDS_DOC =
      "AccountsFilter: only these AccountIds (e.g. the accountId of the Connect"
          + " REDIRECT), at most "
          + LoginInput.MAX_ACCOUNT_IDS
          + " of 1-100 letters, digits, '_', '.', ':' or '-';"
          + " empty or null = all";
  static final String DAYS_DOC =
      "DaysOfTransactions of every retrieval: 90 or 365; null ="
          + " FLINKS4J_FIRST_RETRIEVAL_DAYS for the first retrieval, FLINKS4J_REFRESH_DAYS afterwards (both 90 by default)";
  static final String KYC_DOC = "WithKYC; null = true";
  static final String IDENTITY_DOC = "WithAccountIdentity; null = true";

  private OptionsInput() {}

  /** {@code base} with the options {@code body} sets. */
  static LoginOptions over(LoginOptions base, JsonNode body) {
    LoginOptions options = base;
    if (body.has("accountIds")) {
      options = options.withAccountIds(accountIds(body.get("accountIds")));
    }
    if (body.has("days")) {
      JsonNode days = body.get("days");
      if (!days.isNull()
          && !(days.canConvertToInt()
              && days.isIntegralNumber()
              && LoginInput.isValidDays(days.asInt()))) {
        throw ApiException.badRequest(
            "invalid_days", "days must be 90 or 365 (or null for the default)");
      }
      options = options.withDays(days.isNull() ? Optional.empty() : Optional.of(days.asInt()));
    }
    if (body.has("withKyc")) {
      options = options.withKyc(flag(body.get("withKyc"), "withKyc"));
    }
    if (body.has("withAccountIdentity")) {
      options =
          options.withAccountIdentity(flag(body.get("withAccountIdentity"), "withAccountIdentity"));
    }
    return options;
  }

  private static List<String> accountIds(JsonNode value) {
    if (value.isNull()) {
      return List.of();
    }
    if (!value.isArray() || value.size() > LoginInput.MAX_ACCOUNT_IDS) {
      throw ApiException.badRequest(
          "invalid_account_ids",
          "accountIds must be an array of at most " + LoginInput.MAX_ACCOUNT_IDS + " AccountIds");
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual() || !LoginInput.isValidAccountId(item.asText())) {
        throw ApiException.badRequest(
            "invalid_account_ids",
            "each accountId must be 1-100 letters, digits, '_', '.', ':' or '-'");
      }
      if (!ids.contains(item.asText())) {
        ids.add(item.asText());
      }
    }
    return ids;
  }

  private static Optional<Boolean> flag(JsonNode value, String name) {
    if (value.isNull()) {
      return Optional.empty();
    }
    if (!value.isBoolean()) {
      throw ApiException.badRequest("invalid_option", name + " must be true, false or null");
    }
    return Optional.of(value.asBoolean());
  }
}
