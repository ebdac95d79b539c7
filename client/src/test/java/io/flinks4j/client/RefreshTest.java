package io.flinks4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinks4j.client.RefreshResult.MfaRequired;
import io.flinks4j.client.RefreshResult.Refreshed;
import io.flinks4j.client.error.UserActionRequiredException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RefreshTest {
  private static final String SHAPE = "What shape do people like most?";
  private static final String CITY = "What city were you born in?";
  private static final String COUNTRY = "What is the best country on earth?";

  private final FakeFlinks flinks = new FakeFlinks();

  @AfterEach
  void stop() {
    flinks.close();
  }

  private void dataReadyAfterOnePoll() {
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.pending());
    flinks.server.script("GET", "GetAccountsDetailAsync", FakeFlinks.detail());
  }

  @Test
  void refresh_without_mfa_authorizes_live_and_returns_fresh_data() {
    flinks.authorizeReplies(FakeFlinks.authorized());
    dataReadyAfterOnePoll();

    RefreshResult result =
        flinks
            .client()
            .refresh(FakeFlinks.LOGIN_ID, DetailOptions.defaults(), MfaHandler.decline());

    assertThat(result)
        .isInstanceOfSatisfying(
            Refreshed.class,
            r -> assertThat(r.detail().requestId()).isEqualTo(FakeFlinks.REQUEST_ID));
    assertThat(flinks.server.requests("Authorize").getFirst().bodyText())
        .isEqualTo(
            "{\"LoginId\":\""
                + FakeFlinks.LOGIN_ID
                + "\",\"MostRecentCached\":false,\"Save\":true}");
  }

  @Test
  void several_mfa_rounds_are_answered_with_arrays_keyed_by_the_exact_prompts() {
    flinks.authorizeReplies(
        FakeFlinks.mfa(SHAPE), FakeFlinks.mfa(CITY, COUNTRY), FakeFlinks.authorized());
    dataReadyAfterOnePoll();
    List<Integer> rounds = new CopyOnWriteArrayList<>();
    MfaHandler handler =
        (challenge, round) -> {
          rounds.add(round);
          return MfaHandler.fixed(Map.of(SHAPE, "Triangle", CITY, "Montreal", COUNTRY, "Canada"))
              .answer(challenge, round);
        };

    RefreshResult result =
        flinks.client().refresh(FakeFlinks.LOGIN_ID, DetailOptions.defaults(), handler);

    assertThat(result).isInstanceOf(Refreshed.class);
    assertThat(rounds).containsExactly(1, 2);
    List<ScriptedServer.Recorded> authorizes = flinks.server.requests("Authorize");
    assertThat(authorizes).hasSize(3);
    assertThat(authorizes.get(1).bodyText())
        .isEqualTo(
            "{\"RequestId\":\""
                + FakeFlinks.REQUEST_ID
                + "\",\"SecurityResponses\":{\""
                + SHAPE
                + "\":[\"Triangle\"]}}");
    assertThat(authorizes.get(2).bodyText())
        .isEqualTo(
            "{\"RequestId\":\""
                + FakeFlinks.REQUEST_ID
                + "\",\"SecurityResponses\":{\""
                + CITY
                + "\":[\"Montreal\"],\""
                + COUNTRY
                + "\":[\"Canada\"]}}");
  }

  @Test
  void every_mfa_answer_goes_out_with_a_freshly_minted_token() {
    flinks.authorizeReplies(FakeFlinks.mfa(SHAPE), FakeFlinks.mfa(CITY), FakeFlinks.authorized());
    dataReadyAfterOnePoll();

    flinks
        .client()
        .refresh(
            FakeFlinks.LOGIN_ID,
            DetailOptions.defaults(),
            MfaHandler.fixed(Map.of(SHAPE, "Triangle", CITY, "Montreal")));

    List<String> tokens = flinks.authorizeTokens();
    assertThat(tokens).hasSize(3).doesNotHaveDuplicates().allMatch(flinks::wasMinted);
  }

  @Test
  void a_bank_that_never_stops_asking_is_handed_to_connect_after_ten_answered_rounds() {
    flinks.authorizeReplies(FakeFlinks.mfa(SHAPE));
    List<Integer> rounds = new CopyOnWriteArrayList<>();
    MfaHandler handler =
        (challenge, round) -> {
          rounds.add(round);
          return Optional.of(Map.of(SHAPE, List.of("Triangle")));
        };

    RefreshResult result =
        flinks.client().refresh(FakeFlinks.LOGIN_ID, DetailOptions.defaults(), handler);

    assertThat(result).isInstanceOf(MfaRequired.class);
    assertThat(rounds).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(flinks.server.requests("Authorize")).hasSize(11);
  }

  @Test
  void declined_mfa_returns_the_challenges_and_a_relaunch_url_with_a_fresh_token() {
    flinks.authorizeReplies(FakeFlinks.mfa(SHAPE));

    RefreshResult result =
        flinks
            .client()
            .refresh(FakeFlinks.LOGIN_ID, DetailOptions.defaults(), MfaHandler.decline());

    assertThat(result)
        .isInstanceOfSatisfying(
            MfaRequired.class,
            mfa -> {
              assertThat(mfa.requestId()).isEqualTo(FakeFlinks.REQUEST_ID);
              assertThat(mfa.challenges()).extracting(c -> c.prompt()).containsExactly(SHAPE);
              String url = mfa.relaunchUrl().toString();
              assertThat(url)
                  .startsWith(
                      flinks.server.baseUrl()
                          + "/v2/?requestId="
                          + FakeFlinks.REQUEST_ID
                          + "&authorizeToken=");
              String token =
                  url.substring(url.indexOf("authorizeToken=") + "authorizeToken=".length());
              assertThat(flinks.wasMinted(token)).isTrue();
              assertThat(flinks.authorizeTokens()).doesNotContain(token);
              assertThat(mfa.toString()).doesNotContain(token);
            });
  }

  @Test
  void fixed_answers_missing_a_prompt_decline_instead_of_sending_partial_answers() {
    flinks.authorizeReplies(FakeFlinks.mfa(CITY, COUNTRY));

    RefreshResult result =
        flinks
            .client()
            .refresh(
                FakeFlinks.LOGIN_ID,
                DetailOptions.defaults(),
                MfaHandler.fixed(Map.of(CITY, "Montreal")));

    assertThat(result).isInstanceOf(MfaRequired.class);
    assertThat(flinks.server.requests("Authorize")).hasSize(1);
  }

  @Test
  void wrong_mfa_answer_is_a_user_action_failure_that_is_not_retried() {
    flinks.authorizeReplies(
        FakeFlinks.mfa(SHAPE),
        FakeFlinks.error(401, "INVALID_SECURITY_RESPONSE", "The security response is invalid"));

    assertThatThrownBy(() ->
            flinks
                .client()
                .refresh(
                    FakeFlinks.LOGIN_ID,
                    DetailOptions.defaults(),
                    MfaHandler.fixed(Map.of(SHAPE, "Circle"))))
        .isInstanceOfSatisfying(
            UserActionRequiredException.class,
            e -> {
              assertThat(e.flinksCode()).contains(FlinksCode.INVALID_SECURITY_RESPONSE);
              assertThat(e.requestId()).contains(FakeFlinks.REQUEST_ID);
              assertThat(e.httpStatus()).isEqualTo(401);
            });
    assertThat(flinks.server.requests("Authorize")).hasSize(2);
  }

  @Test
  void wrong_answer_asked_again_goes_back_to_the_handler_for_another_round() {
    flinks.authorizeReplies(FakeFlinks.mfa(SHAPE), FakeFlinks.mfa(SHAPE), FakeFlinks.authorized());
    dataReadyAfterOnePoll();
    MfaHandler handler =
        (challenge, round) ->
            Optional.of(Map.of(SHAPE, List.of(round == 1 ? "Circle" : "Triangle")));

    RefreshResult result =
        flinks.client().refresh(FakeFlinks.LOGIN_ID, DetailOptions.defaults(), handler);

    assertThat(result).isInstanceOf(Refreshed.class);
    assertThat(flinks.server.requests("Authorize").get(2).bodyText()).contains("Triangle");
  }

  @Test
  void mfa_on_a_cached_retrieve_asks_for_user_action() {
    flinks.authorizeReplies(FakeFlinks.mfa(SHAPE));

    assertThatThrownBy(
            () -> flinks.client().retrieve(FakeFlinks.LOGIN_ID, DetailOptions.defaults()))
        .isInstanceOfSatisfying(
            UserActionRequiredException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(203);
              assertThat(e.requestId()).contains(FakeFlinks.REQUEST_ID);
            });
  }

  @Test
  void direct_credentials_login_sends_institution_username_and_password() {
    flinks.authorizeReplies(FakeFlinks.authorized());

    AuthorizeResult result =
        flinks
            .client()
            .authorize()
            .open(
                AuthorizeRequest.credentials("FlinksCapital", "Greatday", "Everyday")
                    .withLanguage("en"));

    assertThat(result).isInstanceOf(AuthorizeResult.Authorized.class);
    assertThat(flinks.server.requests("Authorize").getFirst().bodyText())
        .isEqualTo(
            "{\"Institution\":"
                + "\"FlinksCapital\",\"Username\":\"Greatday\",\"Password\":\"Everyday\",\"MostRecentCached\":false,"
                + "\"Save\":true,\"Language\":\"en\"}");
  }

  @Test
  void handler_returning_no_answers_declines() {
    flinks.authorizeReplies(FakeFlinks.mfa(SHAPE));

    RefreshResult result =
        flinks
            .client()
            .refresh(
                FakeFlinks.LOGIN_ID,
                DetailOptions.defaults(),
                (challenge, round) -> Optional.of(Map.of()));

    assertThat(result).isInstanceOf(MfaRequired.class);
    assertThat(flinks.server.requests("Authorize")).hasSize(1);
  }
}
