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
    return LoginView.builder()
        .loginId(login.loginId())
        .tag(login.tag().orElse(null))
        .institution(login.institution().orElse(null))
        .createdAt(login.createdAt().toString())
        .lastRefresh(
            login.lastRefresh().map(at -> at.toInstant(ZoneOffset.UTC).toString()).orElse(null))
        .state(status.map(LoginStatus::state).orElse(null))
        .stateUpdatedAt(status.map(LoginStatus::updatedAt).map(Instant::toString).orElse(null))
        .lastSuccessAt(
            status.flatMap(LoginStatus::lastSuccessAt).map(Instant::toString).orElse(null))
        .errorCode(status.flatMap(LoginStatus::errorCode).orElse(null))
        .errorMessage(status.flatMap(LoginStatus::errorMessage).orElse(null))
        .mfaChallenges(
            status
                .map(LoginStatus::mfaChallenges)
                .orElse(List.of())
                .stream() // one MfaChallenge schema for both APIs
                .map(challenge ->
                    new MfaChallenge(challenge.type(), challenge.prompt(), challenge.choices()))
                .toList())
        .relaunchUrl(status.flatMap(LoginStatus::relaunchUrl).map(URI::toString).orElse(null))
        .build();
  }

  @Override
  public String toString() {
    return "LoginView[state=" + state + "]"; // the loginId is a secret
  }

  /** A builder with every field unset (null, or the type's zero). */
  static Builder builder() {
    return new Builder();
  }

  /** Sets the fields of a {@link LoginView} by name, so two of the same type cannot be swapped. */
  static final class Builder {
    private String loginId;
    private String tag;
    private String institution;
    private String createdAt;
    private String lastRefresh;
    private String state;
    private String stateUpdatedAt;
    private String lastSuccessAt;
    private String errorCode;
    private String errorMessage;
    private List<MfaChallenge> mfaChallenges;
    private String relaunchUrl;

    private Builder() {}

    Builder loginId(String loginId) {
      this.loginId = loginId;
      return this;
    }

    Builder tag(String tag) {
      this.tag = tag;
      return this;
    }

    Builder institution(String institution) {
      this.institution = institution;
      return this;
    }

    Builder createdAt(String createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    Builder lastRefresh(String lastRefresh) {
      this.lastRefresh = lastRefresh;
      return this;
    }

    Builder state(String state) {
      this.state = state;
      return this;
    }

    Builder stateUpdatedAt(String stateUpdatedAt) {
      this.stateUpdatedAt = stateUpdatedAt;
      return this;
    }

    Builder lastSuccessAt(String lastSuccessAt) {
      this.lastSuccessAt = lastSuccessAt;
      return this;
    }

    Builder errorCode(String errorCode) {
      this.errorCode = errorCode;
      return this;
    }

    Builder errorMessage(String errorMessage) {
      this.errorMessage = errorMessage;
      return this;
    }

    Builder mfaChallenges(List<MfaChallenge> mfaChallenges) {
      this.mfaChallenges = mfaChallenges;
      return this;
    }

    Builder relaunchUrl(String relaunchUrl) {
      this.relaunchUrl = relaunchUrl;
      return this;
    }

    LoginView build() {
      return new LoginView(
          loginId,
          tag,
          institution,
          createdAt,
          lastRefresh,
          state,
          stateUpdatedAt,
          lastSuccessAt,
          errorCode,
          errorMessage,
          mfaChallenges,
          relaunchUrl);
    }
  }
}
