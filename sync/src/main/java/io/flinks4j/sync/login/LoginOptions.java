package io.flinks4j.sync.login;

import java.util.List;
import java.util.Optional;

/**
 * What a login asks {@code /GetAccountsDetail} for; an empty value means the service's default.
 *
 * @param accountIds the {@code AccountsFilter} (e.g. the account picked in Connect); empty = all
 *     accounts
 * @param days {@code DaysOfTransactions} for every retrieval (90 or 365); empty = as configured for
 *     a first retrieval and for later ones
 * @param withKyc {@code WithKYC}
 * @param withAccountIdentity {@code WithAccountIdentity}
 */
public record LoginOptions(
    List<String> accountIds,
    Optional<Integer> days,
    Optional<Boolean> withKyc,
    Optional<Boolean> withAccountIdentity) {

  /** Every option at the service's default. */
  public static final LoginOptions DEFAULTS =
      new LoginOptions(List.of(), Optional.empty(), Optional.empty(), Optional.empty());

  public LoginOptions {
    accountIds = List.copyOf(accountIds);
    days.ifPresent(d -> {
      if (!LoginInput.isValidDays(d)) {
        throw new IllegalArgumentException("days must be 90 or 365");
      }
    });
    accountIds.forEach(id -> {
      if (!LoginInput.isValidAccountId(id)) {
        throw new IllegalArgumentException("invalid account id");
      }
    });
  }

  public LoginOptions withAccountIds(List<String> value) {
    return new LoginOptions(value, days, withKyc, withAccountIdentity);
  }

  public LoginOptions withDays(Optional<Integer> value) {
    return new LoginOptions(accountIds, value, withKyc, withAccountIdentity);
  }

  public LoginOptions withKyc(Optional<Boolean> value) {
    return new LoginOptions(accountIds, days, value, withAccountIdentity);
  }

  public LoginOptions withAccountIdentity(Optional<Boolean> value) {
    return new LoginOptions(accountIds, days, withKyc, value);
  }
}
