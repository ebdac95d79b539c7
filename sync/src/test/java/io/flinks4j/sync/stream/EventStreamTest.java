package io.flinks4j.sync.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.TestDialects;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** {@code GET /v1/events/stream} over a real socket, read as any lender's tool would. */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class EventStreamTest {

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Parameter Dialect dialect;

  static EngineFixture fixture;

  @BeforeParameterizedClassInvocation
  static void startService(Dialect dialect, FlinksSandbox sandbox) {
    fixture = EngineFixture.start(dialect, sandbox, Map.of());
  }

  @AfterParameterizedClassInvocation
  static void stopService() {
    fixture.close();
  }

  @Test
  void a_ticket_opens_the_stream_and_each_step_of_a_new_login_arrives_in_order() throws Exception {
    String ticket = ticket();
    try (Events events = open("?ticket=" + ticket, null)) {
      String loginId = newLogin();
      fixture.register(loginId);

      await().atMost(Duration.ofSeconds(20)).until(() -> events.of(loginId).contains("ready"));
      assertThat(events.of(loginId))
          .startsWith("requested", "authorize", "session_opened")
          .endsWith("ready");
      List<Long> ids = events.received.stream().map(Event::id).toList();
      assertThat(ids).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void a_ticket_opens_one_stream_only_and_no_credential_opens_none() throws Exception {
    String ticket = ticket();
    try (Events first = open("?ticket=" + ticket, null)) {
      assertThat(first.status).isEqualTo(200);
      assertThat(status("?ticket=" + ticket)).isEqualTo(401);
    }
    assertThat(status("")).isEqualTo(401);
    assertThat(status("?ticket=made-up")).isEqualTo(401);
  }

  @Test
  void reconnecting_with_last_event_id_replays_what_was_missed() throws Exception {
    String loginId = newLogin();
    long before;
    try (Events events = open("", null)) {
      fixture.register(loginId);
      await().atMost(Duration.ofSeconds(20)).until(() -> events.of(loginId).contains("ready"));
      before =
          events.received.stream()
              .filter(e -> e.data().path("loginId").asText().equals(loginId))
              .findFirst()
              .orElseThrow()
              .id();
    }

    try (Events resumed = open("", before)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> resumed.of(loginId).contains("ready"));
      assertThat(resumed.received.getFirst().id()).isGreaterThan(before);
      assertThat(resumed.of(loginId)).doesNotContain("requested").contains("authorize");
    }
  }

  // ---- helpers
  // -------------------------------------------------------------------------------------------------

  private static String newLogin() {
    return fixture
        .sandbox()
        .createLogin(
            LoginSpec.named("stream-" + UUID.randomUUID())
                .withTransactionsPerYear(20)
                .withProcessingDelay(Duration.ofMillis(400)))
        .loginId();
  }

  private static String ticket() {
    EngineFixture.Response response = fixture.post("/v1/events/stream-tickets", "");
    assertThat(response.status()).isEqualTo(201);
    return response.body().path("ticket").asText();
  }

  private static int status(String query) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(fixture.uri(EventStream.PATH + query)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }

  /**
   * Opens the stream (with the bearer key when {@code query} has no ticket) and reads it on a
   * thread.
   */
  private static Events open(String query, Long lastEventId) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(fixture.uri(EventStream.PATH + query)).GET();
    if (!query.contains("ticket")) {
      request.header("Authorization", "Bearer " + EngineFixture.API_KEY);
    }
    if (lastEventId != null) {
      request.header("Last-Event-ID", String.valueOf(lastEventId));
    }
    HttpResponse<InputStream> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    return new Events(response.statusCode(), response.body());
  }

  private record Event(long id, String type, JsonNode data) {}

  /** The events read so far from one open stream; closing it hangs up. */
  private static final class Events implements AutoCloseable {
    final int status;
    final List<Event> received = new CopyOnWriteArrayList<>();
    private final InputStream body;

    Events(int status, InputStream body) {
      this.status = status;
      this.body = body;
      Thread.ofVirtual().start(this::read);
    }

    private void read() {
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        long id = -1;
        String type = null;
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.startsWith("id: ")) {
            id = Long.parseLong(line.substring(4));
          } else if (line.startsWith("event: ")) {
            type = line.substring(7);
          } else if (line.startsWith("data: ")) {
            received.add(new Event(id, type, JSON.readTree(line.substring(6))));
          }
        }
      } catch (IOException e) {
        // closed by the test
      }
    }

    /** The step events of one login, in the order received. */
    List<String> of(String loginId) {
      return received.stream()
          .filter(e -> "step".equals(e.type()))
          .filter(e -> e.data().path("loginId").asText().equals(loginId))
          .map(e -> e.data().path("event").asText())
          .toList();
    }

    @Override
    public void close() throws IOException {
      body.close();
    }
  }
}
