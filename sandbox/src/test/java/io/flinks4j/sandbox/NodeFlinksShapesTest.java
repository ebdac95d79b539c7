package io.flinks4j.sandbox;

import static io.flinks4j.sandbox.FlinksHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sandbox.FlinksHttp.Reply;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The request shapes of node-flinks 0.6.0 (npm), as seen by {@code
 * scripts/conformance-thirdparty.sh}, replayed over java.net.http so the sandbox keeps accepting
 * that client without node on the machine.
 */
@ExtendWith(FlinksSandboxExtension.class)
class NodeFlinksShapesTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final FlinksSandbox sandbox;
  private final FlinksHttp http;

  NodeFlinksShapesTest(FlinksSandbox sandbox) {
    this.sandbox = sandbox;
    this.http = new FlinksHttp(sandbox);
  }

  /**
   * got's POST with {@code responseType: 'json'} and no {@code json} option: no body and no
   * Content-Type.
   */
  private int bareAsyncPost(String endpoint, String requestId)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(http.url(endpoint + "/" + requestId)))
            .POST(HttpRequest.BodyPublishers.noBody())
            .header("accept", "application/json")
            .header("x-api-key", sandbox.apiKey())
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(FlinksHttp.JSON.readTree(response.body()).get("HttpStatusCode").asInt())
        .isEqualTo(response.statusCode());
    return response.statusCode();
  }

  @Test
  void async_polls_posted_with_no_body_and_no_content_type_reach_the_data() throws Exception {
    String requestId = http.authorizeCached(sandbox.login("greatday_nomfa").loginId()).requestId();
    assertThat(http.detail(body("RequestId", requestId, "MostRecentCached", true)).status())
        .isEqualTo(202);
    assertThat(bareAsyncPost("GetAccountsDetailAsync", requestId)).isEqualTo(202);
    sandbox.advanceClock(Duration.ofMinutes(1));
    assertThat(bareAsyncPost("GetAccountsDetailAsync", requestId)).isEqualTo(200);
    assertThat(bareAsyncPost("GetAccountsSummaryAsync", requestId)).isEqualTo(200);
  }

  @Test
  void authorize_ignores_the_bearer_header_and_access_token_key_that_node_flinks_adds() {
    Reply reply =
        http.post(
            "Authorize",
            Map.of("flinks-auth-key", http.token(), "Authorization", "Bearer an-oauth-token"),
            body(
                "MostRecentCached",
                true,
                "Save",
                false,
                "LoginId",
                sandbox.login("greatday_nomfa").loginId(),
                "AccessToken",
                "an-oauth-token"));
    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void mfa_answer_carrying_node_flinks_defaults_is_still_an_mfa_answer() {
    String requestId =
        http.authorize(
                body(
                    "MostRecentCached",
                    false,
                    "Save",
                    true,
                    "LoginId",
                    sandbox.login("Greatday").loginId()))
            .requestId();
    Reply reply =
        http.authorize(
            body(
                "MostRecentCached",
                true,
                "Save",
                false,
                "RequestId",
                requestId,
                "SecurityResponses",
                Map.of(
                    "What city were you born in?", List.of("Montreal"),
                    "What is the best country on earth?", List.of("Canada"),
                    "What shape do people like most?", List.of("Triangle"))));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.requestId()).isEqualTo(requestId);
  }

  @Test
  void pascal_cased_prompt_keys_are_unknown_and_leave_the_session_answerable() {
    String requestId =
        http.authorize(
                body(
                    "LoginId",
                    sandbox.login("Greatday").loginId(),
                    "MostRecentCached",
                    false,
                    "Save",
                    true))
            .requestId();
    Reply mangled =
        http.authorize(
            body(
                "RequestId",
                requestId,
                "SecurityResponses",
                Map.of(
                    "WhatCityWereYouBornIn?", List.of("Montreal"),
                    "WhatIsTheBestCountryOnEarth?", List.of("Canada"),
                    "WhatShapeDoPeopleLikeMost?", List.of("Triangle"))));
    assertThat(mangled.status()).isEqualTo(401);
    assertThat(mangled.code()).isEqualTo("UNKNOWN_CHALLENGE_KEY");
    Reply exact =
        http.authorize(
            body(
                "RequestId",
                requestId,
                "SecurityResponses",
                Map.of(
                    "What city were you born in?", List.of("Montreal"),
                    "What is the best country on earth?", List.of("Canada"),
                    "What shape do people like most?", List.of("Triangle"))));
    assertThat(exact.status()).isEqualTo(200);
  }
}
