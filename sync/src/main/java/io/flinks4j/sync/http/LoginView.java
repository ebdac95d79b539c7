package io.flinks4j.sync.http;

import io.flinks4j.sync.login.LoginStatus;
import io.flinks4j.sync.login.StoredLogin;
import io.flinks4j.sync.retrieval.MfaChallenge;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** A login as the read API serves it: what is stored and where its latest retrieval stands. */
@ApiDoc("A registered login with the state of its latest retrieval")
record LoginView(
    String loginId,
    @ApiDoc(nullable = true) String tag,
    @ApiDoc(nullable = true) String institution,
    @ApiDoc(format = "date-time") String createdAt,
    @ApiDoc(
            value = "Flinks LastRefresh of the newest stored data",
            format = "date-time",
            nullable = true)
        String lastRefresh,
    @ApiDoc(value = "state of the latest retrieval; null before the first", nullable = true)
        String state,
    @ApiDoc(format = "date-time", nullable = true) String stateUpdatedAt,
    @ApiDoc(format = "date-time", nullable = true) String lastSuccessAt,
    @ApiDoc(
            value =
                "why it failed, timed out or is retrying: a FlinksCode, or network, http_503, ...",
            nullable = true)
        String errorCode,
    @ApiDoc(value = "short description of that failure, free of secrets", nullable = true)
        String errorMessage,
    @ApiDoc("the security questions to answer while the state is mfa_required")
        List<MfaChallenge> mfaChallenges,
    @ApiDoc(value = "Flinks Connect URL to finish MFA", format = "uri", nullable = true)
        String relaunchUrl) {

  static LoginView of(StoredLogin login, Optional<LoginStatus> status) {
    return new LoginView(
        login.loginId(),
        login.tag().orElse(null),
        login.institution().orElse(null),
        login.createdAt().toString(),
        login.lastRefresh().map(at -> at.toInstant(ZoneOffset.UTC).toString()).orElse(null),
        status.map(LoginStatus::state).orElse(null),
        status.map(LoginStatus::updatedAt).map(Instant::toString).orElse(null),
        status.flatMap(LoginStatus::lastSuccessAt).map(Instant::toString).orElse(null),
        status.flatMap(LoginStatus::errorCode).orElse(null),
        status.flatMap(LoginStatus::errorMessage).orElse(null),
        status
            .map(LoginStatus::mfaChallenges)
            .orElse(List.of())
            .stream() // one MfaChallenge schema for both APIs
            .map(challenge ->
                new MfaChallenge(challenge.type(), challenge.prompt(), challenge.choices()))
            .toList(),
        status.flatMap(LoginStatus::relaunchUrl).map(URI::toString).orElse(null));
  }

  @Override
  public String toString() {
    return "LoginView[state=" + state + "]"; // the loginId is a secret
  }
}
