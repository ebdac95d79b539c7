package io.flinks4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The polled GETs are answered by a Jetty handler in front of Javalin; POSTs to the same endpoints
 * still go through Javalin, so the two must not be told apart on the wire.
 */
@ExtendWith(FlinksSandboxExtension.class)
class AsyncPollsTest {

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static HttpResponse<byte[]> call(
      HttpClient http, String method, String url, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String requestId(FlinksSandbox sandbox, FlinksHttp flinks) {
    String requestId = flinks.authorizeCached(sandbox.login("Greatday").loginId()).requestId();
    flinks.detail(requestId);
    return requestId;
  }

  private void assertSameAnswer(HttpResponse<byte[]> get, HttpResponse<byte[]> post) {
    assertThat(get.statusCode()).isEqualTo(post.statusCode());
    for (String header : new String[] {"content-type", "content-length"}) {
      assertThat(get.headers().allValues(header)).isEqualTo(post.headers().allValues(header));
    }
    assertThat(get.headers().map().keySet()).isEqualTo(post.headers().map().keySet());
  }

  @Test
  void a_ready_poll_answers_as_javalin_does_the_same_poll_by_post(FlinksSandbox sandbox)
      throws Exception {
    FlinksHttp flinks = new FlinksHttp(sandbox);
    String url = flinks.url("GetAccountsDetailAsync/" + requestId(sandbox, flinks));
    sandbox.advanceClock(Duration.ofSeconds(3));

    HttpResponse<byte[]> get = call(http, "GET", url, flinks.apiKey());
    HttpResponse<byte[]> post = call(http, "POST", url, flinks.apiKey());

    assertSameAnswer(get, post);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.headers().firstValue("content-type")).hasValue("application/json;charset=utf-8");
    assertThat(get.body()).isEqualTo(post.body());
    assertThat(get.headers().firstValueAsLong("content-length")).hasValue(get.body().length);
  }

  @Test
  void pending_refused_and_unknown_polls_answer_as_javalin_does(FlinksSandbox sandbox)
      throws Exception {
    FlinksHttp flinks = new FlinksHttp(sandbox);
    String url = flinks.url("GetAccountsSummaryAsync/" + requestId(sandbox, flinks));
    String unknown = flinks.url("GetAccountsDetailAsync/4b1d7a4e-0000-0000-0000-000000000000");

    HttpResponse<byte[]> pending = call(http, "GET", url, flinks.apiKey());
    assertSameAnswer(pending, call(http, "POST", url, flinks.apiKey()));
    assertThat(pending.statusCode()).isEqualTo(202);
    assertThat(FlinksHttp.JSON.readTree(pending.body()).get("FlinksCode").asText())
        .isEqualTo("OPERATION_PENDING");

    HttpResponse<byte[]> refused = call(http, "GET", url, Map.of("x-api-key", "wrong"));
    assertSameAnswer(refused, call(http, "POST", url, Map.of("x-api-key", "wrong")));
    assertThat(refused.statusCode()).isEqualTo(401);

    HttpResponse<byte[]> missing = call(http, "GET", unknown, flinks.apiKey());
    assertSameAnswer(missing, call(http, "POST", unknown, flinks.apiKey()));
    assertThat(FlinksHttp.JSON.readTree(missing.body()).get("FlinksCode").asText())
        .isEqualTo("SESSION_NONEXISTENT");
  }

  @Test
  void a_poll_is_recorded_as_any_other_request(FlinksSandbox sandbox) throws Exception {
    FlinksHttp flinks = new FlinksHttp(sandbox);
    String requestId = requestId(sandbox, flinks);
    String url = flinks.url("GetAccountsDetailAsync/" + requestId);

    call(http, "GET", url, Map.of("x-api-key", sandbox.apiKey(), "X-Trace", "t-1"));

    RecordedRequest poll = sandbox.requests().getLast();
    assertThat(poll.method()).isEqualTo("GET");
    assertThat(poll.endpoint()).isEqualTo("GetAccountsDetailAsync");
    assertThat(poll.path()).isEqualTo(URI.create(url).getPath());
    assertThat(poll.headers()).containsEntry("x-trace", "t-1");
    assertThat(poll.body()).isEmpty();
  }
}
