package io.flinks4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.flinks4j.client.ScriptedServer.Reply;
import io.flinks4j.client.model.FlinksJson;
import io.flinks4j.client.model.SecurityChallenge;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedactionTest {
  private static final List<String> SECRETS =
      List.of(FakeFlinks.SECRET_KEY, FakeFlinks.API_KEY, FakeFlinks.LOGIN_ID, "Everyday");

  private final FakeFlinks flinks = new FakeFlinks();

  @AfterEach
  void stop() {
    flinks.close();
  }

  private static void assertNoSecrets(String text, String... more) {
    assertThat(text).isNotNull();
    for (String secret : SECRETS) {
      assertThat(text).doesNotContain(secret);
    }
    for (String secret : more) {
      assertThat(text).doesNotContain(secret);
    }
  }

  /**
   * Echoes every credential and the body it got back in the error message, like a careless server
   * would.
   */
  private static Reply echoingRefusal(ScriptedServer.Recorded request, int status, String code) {
    String echoed =
        (request.header("flinks-auth-key")
                + " "
                + request.header("x-api-key")
                + " "
                + request.bodyText())
            .replace("\"", "'");
    return FakeFlinks.error(status, code, "rejected " + echoed);
  }

  @Test
  void refusal_messages_never_contain_keys_tokens_or_login_ids_echoed_by_the_server() {
    flinks.server.handle("POST", "Authorize", r -> echoingRefusal(r, 401, "INVALID_LOGIN"));

    Throwable thrown =
        catchThrowable(
            () -> flinks.client().retrieve(FakeFlinks.LOGIN_ID, DetailOptions.defaults()));

    String token = flinks.server.requests("Authorize").getFirst().header("flinks-auth-key");
    assertNoSecrets(thrown.getMessage(), token);
    assertThat(thrown.getMessage()).contains("INVALID_LOGIN").contains(Redactor.MASK);
  }

  @Test
  void data_endpoint_refusals_never_contain_the_api_key() {
    flinks.server.handle(
        "POST", "GetAccountsDetail", r -> echoingRefusal(r, 400, "INVALID_REQUEST"));

    Throwable thrown =
        catchThrowable(() ->
            flinks.client().accounts().detail(FakeFlinks.REQUEST_ID, DetailOptions.defaults()));

    assertNoSecrets(thrown.getMessage());
  }

  @Test
  void secret_key_refusal_on_token_minting_never_contains_the_key() {
    flinks.server.handle(
        "POST", "GenerateAuthorizeToken", r -> echoingRefusal(r, 401, "ACCESS_DENIED"));

    Throwable thrown = catchThrowable(() -> flinks.client().authorize().generateToken());

    assertNoSecrets(thrown.getMessage());
  }

  @Test
  void transport_failure_on_a_login_id_path_never_contains_the_login_id() {
    flinks.server.script("DELETE", "DeleteCard", ScriptedServer.reset());

    Throwable thrown = catchThrowable(() -> flinks.client().logins().delete(FakeFlinks.LOGIN_ID));

    assertNoSecrets(thrown.getMessage());
    assertNoSecrets(String.valueOf(thrown.getCause()));
  }

  @Test
  void logs_of_retried_calls_never_contain_secrets() {
    flinks.server.handle("POST", "Authorize", r -> echoingRefusal(r, 401, "TOO_MANY_REQUESTS"));
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    Throwable thrown;
    try {
      thrown =
          catchThrowable(
              () -> flinks.client().retrieve(FakeFlinks.LOGIN_ID, DetailOptions.defaults()));
    } finally {
      System.setErr(original);
    }

    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(thrown).isNotNull();
    assertNoSecrets(thrown.getMessage(), flinks.authorizeTokens().toArray(String[]::new));
    assertThat(logs).contains("TOO_MANY_REQUESTS");
    assertNoSecrets(logs, flinks.authorizeTokens().toArray(String[]::new));
  }

  @Test
  void to_string_of_client_requests_tokens_and_results_hides_secrets() {
    FlinksClient client = flinks.client();
    AuthorizeToken token = new AuthorizeToken("d65f1adb-8ebc-48dc-be8b-20c773ba1565");

    assertNoSecrets(client.toString());
    assertNoSecrets(flinks.clientBuilder().toString());
    assertNoSecrets(token.toString(), token.value());
    assertNoSecrets(AuthorizeRequest.cached(FakeFlinks.LOGIN_ID).toString());
    assertNoSecrets(AuthorizeRequest.live(FakeFlinks.LOGIN_ID).toString());
    assertNoSecrets(
        AuthorizeRequest.credentials("FlinksCapital", "Greatday", "Everyday").toString(),
        "Greatday");
    assertNoSecrets(
        AuthorizeRequest.mfaAnswers(FakeFlinks.REQUEST_ID, Map.of("Q?", List.of("Triangle")))
            .toString(),
        "Triangle");
    assertNoSecrets(
        new RefreshResult.MfaRequired(
                FakeFlinks.REQUEST_ID,
                List.of(SecurityChallenge.question("Q?")),
                URI.create("https://x-iframe/v2/?requestId=r&authorizeToken=" + token.value()))
            .toString(),
        token.value());
    assertNoSecrets(
        FlinksJson.parseEnvelope(Fixtures.bytes("generateauthorizetoken-200.json")).toString(),
        "d65f1adb-8ebc-48dc-be8b-20c773ba1565");
    assertNoSecrets(
        FlinksJson.parseAccountsDetail(Fixtures.bytes("webhook-payload.json")).toString());
  }
}
