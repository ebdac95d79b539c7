package io.flinks4j.sync.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sync.http.ApiException;
import io.flinks4j.sync.login.LoginInput;
import io.flinks4j.sync.login.LoginOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a login's options from a request body ({@code POST /v1/logins}, {@code PATCH /v1/logins/{loginId}}): a
 * field left out keeps its value, {@code null} puts it back to the service's default, anything malformed is a 400
 * naming the field.
 */
final class OptionsInput {

  static final String SCHEMA_PROPERTIES = """
      "accountIds":{"type":["array","null"],"maxItems":%d,"items":{"type":"string","pattern":"^[A-Za-z0-9_.:-]{1,100}$"},
        "description":"AccountsFilter: only these AccountIds (e.g. the accountId of the Connect REDIRECT); empty or null = all"},
      "days":{"enum":[90,365,null],"description":"DaysOfTransactions of every retrieval; null = FLINKS4J_FIRST_RETRIEVAL_DAYS for the first retrieval, FLINKS4J_REFRESH_DAYS afterwards (both 90 by default)"},
      "withKyc":{"type":["boolean","null"],"description":"WithKYC; null = true"},
      "withAccountIdentity":{"type":["boolean","null"],"description":"WithAccountIdentity; null = true"}"""
      .formatted(LoginInput.MAX_ACCOUNT_IDS);

  private OptionsInput() {}

  /** {@code base} with the options {@code body} sets. */
  static LoginOptions over(LoginOptions base, JsonNode body) {
    LoginOptions options = base;
    if (body.has("accountIds")) {
      options = options.withAccountIds(accountIds(body.get("accountIds")));
    }
    if (body.has("days")) {
      JsonNode days = body.get("days");
      if (!days.isNull() && !(days.canConvertToInt() && days.isIntegralNumber() && LoginInput.isValidDays(days.asInt()))) {
        throw ApiException.badRequest("invalid_days", "days must be 90 or 365 (or null for the default)");
      }
      options = options.withDays(days.isNull() ? Optional.empty() : Optional.of(days.asInt()));
    }
    if (body.has("withKyc")) {
      options = options.withKyc(flag(body.get("withKyc"), "withKyc"));
    }
    if (body.has("withAccountIdentity")) {
      options = options.withAccountIdentity(flag(body.get("withAccountIdentity"), "withAccountIdentity"));
    }
    return options;
  }

  /** The options as served. */
  static Map<String, Object> view(LoginOptions options) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("accountIds", options.accountIds());
    view.put("days", options.days().orElse(null));
    view.put("withKyc", options.withKyc().orElse(null));
    view.put("withAccountIdentity", options.withAccountIdentity().orElse(null));
    return view;
  }

  private static List<String> accountIds(JsonNode value) {
    if (value.isNull()) {
      return List.of();
    }
    if (!value.isArray() || value.size() > LoginInput.MAX_ACCOUNT_IDS) {
      throw ApiException.badRequest("invalid_account_ids",
          "accountIds must be an array of at most " + LoginInput.MAX_ACCOUNT_IDS + " AccountIds");
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual() || !LoginInput.isValidAccountId(item.asText())) {
        throw ApiException.badRequest("invalid_account_ids",
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
