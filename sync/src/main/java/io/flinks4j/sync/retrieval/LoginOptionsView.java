package io.flinks4j.sync.retrieval;

import io.flinks4j.sync.http.ApiDoc;
import io.flinks4j.sync.login.LoginOptions;
import java.util.List;

/** A login's options as served: null where the service's default applies. */
@ApiDoc("What each retrieval of the login asks GetAccountsDetail for; null = the service's default")
record LoginOptionsView(
    @ApiDoc("AccountsFilter; empty = all accounts") List<String> accountIds,
    @ApiDoc(value = "DaysOfTransactions (90 or 365)", nullable = true) Integer days,
    @ApiDoc(value = "WithKYC", nullable = true) Boolean withKyc,
    @ApiDoc(value = "WithAccountIdentity", nullable = true) Boolean withAccountIdentity) {

  static LoginOptionsView of(LoginOptions options) {
    return new LoginOptionsView(
        options.accountIds(),
        options.days().orElse(null),
        options.withKyc().orElse(null),
        options.withAccountIdentity().orElse(null));
  }
}
