package io.flinks4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.flinks4j.client.AuthorizeResult.Authorized;
import io.flinks4j.client.Endpoint.Auth;
import io.flinks4j.client.ScriptedServer.Recorded;
import io.flinks4j.client.ScriptedServer.Reply;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.RecordedRequest;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The endpoint descriptors: each one reached through its resource, sent and redacted as declared.
 */
class EndpointDescriptorsTest {
  // data ready at once, so every data endpoint answers 200 on the first call
  @RegisterExtension
  static final FlinksSandboxExtension SANDBOX =
      FlinksSandboxExtension.withOptions(b -> b.processingDelay(Duration.ZERO));

  private final List<FlinksClient> clients = new ArrayList<>();

  @AfterEach
  void close() {
    clients.forEach(FlinksClient::close);
  }

  private FlinksClient client(FlinksSandbox sandbox) {
    FlinksClient client =
        FlinksClient.builder()
            .baseUrl(sandbox.baseUrl())
            .customerId(sandbox.customerId())
            .secretKey(sandbox.secretKey())
            .apiKey(sandbox.apiKey())
            .clock(sandbox.clock())
            .sleeper(sandbox::advanceClock)
            .build();
    clients.add(client);
    return client;
  }

  /** The state one walk through the endpoints builds up: a login and its session. */
  private static final class Walk {
    String loginId;
    String requestId;
  }

  /**
   * One public call per endpoint constant, in an order the sandbox accepts (the session first, the
   * deletion last).
   */
  private static Map<Endpoint<?>, Consumer<Walk>> callsOf(FlinksClient flinks) {
    Map<Endpoint<?>, Consumer<Walk>> calls = new LinkedHashMap<>();
    calls.put(
        Endpoints.GENERATE_AUTHORIZE_TOKEN,
        w -> assertThat(flinks.authorize().generateToken().value()).isNotBlank());
    calls.put(
        Endpoints.AUTHORIZE,
        w ->
            w.requestId =
                ((Authorized) flinks.authorize().open(AuthorizeRequest.cached(w.loginId)))
                    .requestId());
    calls.put(
        Endpoints.GET_ACCOUNTS_DETAIL,
        w ->
            assertThat(flinks.accounts().detail(w.requestId, DetailOptions.defaults()))
                .isNotNull());
    calls.put(
        Endpoints.GET_ACCOUNTS_DETAIL_ASYNC,
        w ->
            assertThat(flinks.accounts().detailAsync(w.requestId))
                .isInstanceOf(DetailResponse.Ready.class));
    calls.put(
        Endpoints.GET_ACCOUNTS_SUMMARY,
        w -> assertThat(flinks.accounts().summary(w.requestId)).isNotNull());
    calls.put(
        Endpoints.GET_ACCOUNTS_SUMMARY_ASYNC,
        w ->
            assertThat(flinks.accounts().summaryAsync(w.requestId))
                .isInstanceOf(SummaryResponse.Ready.class));
    calls.put(
        Endpoints.GET_STATEMENTS,
        w ->
            assertThat(flinks.statements().get(w.requestId, null, List.of()).statementsByAccount())
                .isNotNull());
    calls.put(
        Endpoints.GET_MFA_QUESTIONS,
        w -> assertThat(flinks.mfaQuestions().list(w.loginId)).isNotNull());
    calls.put(
        Endpoints.ANSWER_MFA_QUESTIONS,
        w ->
            flinks
                .mfaQuestions()
                .answer(w.loginId, Map.of("What city were you born in?", "Laval")));
    calls.put(Endpoints.DELETE_CARD, w -> flinks.logins().delete(w.loginId));
    return calls;
  }

  @Test
  void every_endpoint_constant_has_a_public_call_in_this_test() {
    assertThat(callsOf(null).keySet()).containsExactlyInAnyOrderElementsOf(Endpoints.all());
  }

  @Test
  void every_endpoint_is_sent_to_the_sandbox_with_its_method_path_and_credential(
      FlinksSandbox sandbox) {
    FlinksClient flinks = client(sandbox);
    Walk walk = new Walk();
    walk.loginId = sandbox.login("Greatday").loginId();

    callsOf(flinks).values().forEach(call -> call.accept(walk));

    Map<String, List<RecordedRequest>> received =
        sandbox.requests().stream().collect(Collectors.groupingBy(RecordedRequest::endpoint));
    for (Endpoint<?> endpoint : Endpoints.all()) {
      assertThat(received).as(endpoint.name()).containsKey(endpoint.name());
      for (RecordedRequest request : received.get(endpoint.name())) {
        assertThat(request.method()).as(endpoint.name()).isEqualToIgnoringCase(endpoint.method());
        assertCredential(sandbox, endpoint, request);
      }
    }
    assertThat(received.get("GetAccountsDetailAsync").getFirst().path())
        .endsWith("/GetAccountsDetailAsync/" + walk.requestId);
    assertThat(received.get("DeleteCard").getFirst().path())
        .endsWith("/DeleteCard/" + walk.loginId);
  }

  private static void assertCredential(
      FlinksSandbox sandbox, Endpoint<?> endpoint, RecordedRequest request) {
    String authKey = request.header("flinks-auth-key");
    String apiKey = request.header("x-api-key");
    switch (endpoint.auth()) {
      case SECRET_KEY -> {
        assertThat(authKey).as(endpoint.name()).isEqualTo(sandbox.secretKey());
        assertThat(apiKey).as(endpoint.name()).isNull();
      }
      case AUTHORIZE_TOKEN -> {
        assertThat(authKey).as(endpoint.name()).isNotBlank().isNotEqualTo(sandbox.secretKey());
        assertThat(apiKey).as(endpoint.name()).isNull();
      }
      case API_KEY -> {
        assertThat(apiKey).as(endpoint.name()).isEqualTo(sandbox.apiKey());
        assertThat(authKey).as(endpoint.name()).isNull();
      }
    }
  }

  @Test
  void path_placeholders_are_filled_encoded_and_checked() {
    Endpoint<?> async = Endpoints.GET_ACCOUNTS_DETAIL_ASYNC;

    assertThat(async.pathParameters()).containsExactly("requestId");
    assertThat(async.path(Map.of("requestId", "a b/c")))
        .isEqualTo("GetAccountsDetailAsync/a%20b%2Fc");
    assertThatThrownBy(() -> async.path(Map.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Endpoints.AUTHORIZE.path(Map.of("requestId", "x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void only_token_minting_takes_the_secret_key_and_only_authorize_takes_a_token() {
    Map<Auth, Set<String>> byAuth =
        Endpoints.all().stream()
            .collect(
                Collectors.groupingBy(
                    Endpoint::auth, Collectors.mapping(Endpoint::name, Collectors.toSet())));

    assertThat(byAuth.get(Auth.SECRET_KEY)).containsExactly("GenerateAuthorizeToken");
    assertThat(byAuth.get(Auth.AUTHORIZE_TOKEN)).containsExactly("Authorize");
  }

  @Test
  void request_values_never_show_their_body_path_values_or_secrets() {
    AuthorizeRequest request =
        AuthorizeRequest.credentials("FlinksCapital", "Greatday", "Everyday").withTag("t");

    ApiRequest<AuthorizeResult> value = request.apiRequest();

    assertThat(value.secrets()).containsExactlyInAnyOrder("Greatday", "Everyday");
    assertThat(value.toString()).doesNotContain("Greatday").doesNotContain("Everyday");
    assertThat(value.body())
        .containsExactly(
            Map.entry("Institution", "FlinksCapital"),
            Map.entry("Username", "Greatday"),
            Map.entry("Password", "Everyday"),
            Map.entry("MostRecentCached", false),
            Map.entry("Save", true),
            Map.entry("Tag", "t"));
  }

  // ---------------------------------------------------------------- redaction of every secret kind

  private static final String USERNAME = "username-7f3e";
  private static final String PASSWORD = "password-9c1d";
  private static final String MFA_ANSWER = "answer-4b2a";
  private static final String STORED_ANSWER = "stored-answer-6e5f";

  /**
   * Refuses with a message echoing the path, every credential header and the body, like a careless
   * server would.
   */
  private static Reply echoing(Recorded request) {
    String echoed =
        (request.path()
                + " "
                + request.header("flinks-auth-key")
                + " "
                + request.header("x-api-key")
                + " "
                + request.bodyText())
            .replace("\"", "'");
    return FakeFlinks.error(400, "INVALID_REQUEST", "rejected " + echoed);
  }

  @Test
  void no_refusal_of_any_endpoint_shows_any_secret_it_was_sent() {
    try (FakeFlinks fake = new FakeFlinks()) {
      FlinksClient flinks = fake.client();
      Map<Endpoint<?>, Runnable> calls = new LinkedHashMap<>();
      calls.put(Endpoints.GENERATE_AUTHORIZE_TOKEN, () -> flinks.authorize().generateToken());
      calls.put(
          Endpoints.AUTHORIZE,
          () -> {
            assertRefusedWithoutSecrets(
                fake, () -> flinks.authorize().open(AuthorizeRequest.cached(FakeFlinks.LOGIN_ID)));
            assertRefusedWithoutSecrets(
                fake,
                () ->
                    flinks
                        .authorize()
                        .open(AuthorizeRequest.credentials("FlinksCapital", USERNAME, PASSWORD)));
            flinks
                .authorize()
                .open(
                    AuthorizeRequest.mfaAnswers(
                        FakeFlinks.REQUEST_ID, Map.of("Q?", List.of(MFA_ANSWER))));
          });
      calls.put(
          Endpoints.GET_ACCOUNTS_DETAIL,
          () -> flinks.accounts().detail(FakeFlinks.REQUEST_ID, DetailOptions.defaults()));
      calls.put(
          Endpoints.GET_ACCOUNTS_DETAIL_ASYNC,
          () -> flinks.accounts().detailAsync(FakeFlinks.REQUEST_ID));
      calls.put(
          Endpoints.GET_ACCOUNTS_SUMMARY, () -> flinks.accounts().summary(FakeFlinks.REQUEST_ID));
      calls.put(
          Endpoints.GET_ACCOUNTS_SUMMARY_ASYNC,
          () -> flinks.accounts().summaryAsync(FakeFlinks.REQUEST_ID));
      calls.put(Endpoints.DELETE_CARD, () -> flinks.logins().delete(FakeFlinks.LOGIN_ID));
      calls.put(
          Endpoints.GET_STATEMENTS,
          () -> flinks.statements().get(FakeFlinks.REQUEST_ID, null, List.of()));
      calls.put(Endpoints.GET_MFA_QUESTIONS, () -> flinks.mfaQuestions().list(FakeFlinks.LOGIN_ID));
      calls.put(
          Endpoints.ANSWER_MFA_QUESTIONS,
          () -> flinks.mfaQuestions().answer(FakeFlinks.LOGIN_ID, Map.of("Q?", STORED_ANSWER)));
      assertThat(calls.keySet()).containsExactlyInAnyOrderElementsOf(Endpoints.all());

      for (Endpoint<?> endpoint : Endpoints.all()) {
        String firstSegment = endpoint.pathTemplate().split("/")[0];
        fake.server.handle(endpoint.method(), firstSegment, EndpointDescriptorsTest::echoing);
      }
      // token minting answers normally for every endpoint but its own, so /Authorize is reached
      calls.forEach((endpoint, call) -> {
        if (endpoint != Endpoints.GENERATE_AUTHORIZE_TOKEN) {
          fake.server.handle("POST", "GenerateAuthorizeToken", fake::mint);
        } else {
          fake.server.handle("POST", "GenerateAuthorizeToken", EndpointDescriptorsTest::echoing);
        }
        assertRefusedWithoutSecrets(fake, call);
      });
    }
  }

  private static void assertRefusedWithoutSecrets(FakeFlinks fake, Runnable call) {
    Throwable thrown = catchThrowable(call::run);

    assertThat(thrown).isNotNull();
    String message = thrown.getMessage();
    assertThat(message).contains("rejected").contains(Redactor.MASK);
    List<String> secrets = new ArrayList<>(fake.authorizeTokens());
    secrets.addAll(
        List.of(
            FakeFlinks.SECRET_KEY,
            FakeFlinks.API_KEY,
            FakeFlinks.LOGIN_ID,
            USERNAME,
            PASSWORD,
            MFA_ANSWER,
            STORED_ANSWER));
    for (String secret : secrets) {
      assertThat(message).doesNotContain(secret);
      assertThat(String.valueOf(thrown.getCause())).doesNotContain(secret);
    }
  }
}
