package io.flinks4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinks4j.client.AuthorizeRequest;
import io.flinks4j.client.AuthorizeResult;
import io.flinks4j.client.DetailOptions;
import io.flinks4j.client.FlinksClient;
import io.flinks4j.client.webhook.FlinksWebhooks;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.retrieval.Retrieval;
import io.flinks4j.sync.retrieval.RetrievalState;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.TestDialects;
import io.flinks4j.sync.webhook.WebhookReceiver;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * After a live refresh that asks MFA (its relaunch URL read and sent), a webhook applied and events
 * delivered, a dump of every text and binary column of every table holds no loginId, authorize
 * token or key in clear. On H2 and PostgreSQL.
 */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class SecretsAtRestTest {

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  private static final String EVENTS_SECRET = "lender-secret-0123456789abcdef";

  @Parameter Dialect dialect;

  @Test
  void no_login_id_token_or_key_is_stored_in_clear(FlinksSandbox sandbox) throws Exception {
    try (EventReceiver lender = EventReceiver.start();
        EngineFixture fixture =
            EngineFixture.start(
                dialect,
                sandbox,
                Map.of(
                    EngineSettings.EVENTS_URL,
                    lender.url().toString(),
                    EngineSettings.EVENTS_SECRET,
                    EVENTS_SECRET));
        FlinksClient flinks =
            FlinksClient.builder()
                .baseUrl(sandbox.baseUrl())
                .customerId(sandbox.customerId())
                .secretKey(sandbox.secretKey())
                .apiKey(sandbox.apiKey())
                .pollInterval(Duration.ofMillis(100))
                .build()) {
      List<String> secrets =
          new ArrayList<>(
              List.of(
                  EngineFixture.ENCRYPTION_KEY,
                  EngineFixture.API_KEY,
                  sandbox.webhookKey(),
                  EVENTS_SECRET,
                  sandbox.secretKey(),
                  sandbox.apiKey()));

      // A live refresh asking MFA: its relaunch URL read through the API and sent in
      // login.mfa_required.
      SandboxLogin mfa =
          sandbox.createLogin(
              LoginSpec.named("rest-mfa-" + UUID.randomUUID())
                  .withTransactionsPerYear(50)
                  .withProcessingDelay(Duration.ZERO)
                  .withMfa(1));
      fixture.register(mfa.loginId());
      awaitState(fixture, mfa.loginId(), RetrievalState.READY);
      fixture.post("/v1/logins/" + mfa.loginId() + "/refresh", "{\"live\":true}");
      awaitState(fixture, mfa.loginId(), RetrievalState.MFA_REQUIRED);
      secrets.add(
          token(fixture.get("/v1/logins/" + mfa.loginId()).body().path("relaunchUrl").asText()));
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> mfaEvent(fixture, lender, mfa.loginId()) != null);
      secrets.add(
          token(
              mfaEvent(fixture, lender, mfa.loginId()).path("data").path("relaunchUrl").asText()));

      // A webhook for a login first heard of through it, applied, and its login.ready event
      // delivered.
      SandboxLogin hooked =
          sandbox.createLogin(
              LoginSpec.named("rest-hook-" + UUID.randomUUID())
                  .withTransactionsPerYear(50)
                  .withProcessingDelay(Duration.ZERO));
      String requestId =
          ((AuthorizeResult.Authorized)
                  flinks.authorize().open(AuthorizeRequest.cached(hooked.loginId())))
              .requestId();
      ObjectNode webhook =
          (ObjectNode)
              fixture
                  .json()
                  .readTree(
                      flinks
                          .awaitAccountsDetail(requestId, DetailOptions.defaults(), null)
                          .rawJson());
      webhook.put("ResponseType", "GetAccountsDetail");
      assertThat(deliver(fixture, fixture.json().writeValueAsBytes(webhook))).isEqualTo(200);
      awaitState(fixture, hooked.loginId(), RetrievalState.READY);
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() ->
              lender.deliveries().stream()
                  .anyMatch(d ->
                      new String(d.body(), StandardCharsets.UTF_8).contains(hooked.loginId())));

      String dump = dump(fixture).toLowerCase(Locale.ROOT);

      // The dump does read the rows that matter: the login, the waiting retrieval, events and
      // webhooks.
      assertThat(dump)
          .contains("logins:", "mfa_required", "outbound_events:", "received_webhooks:");
      for (String loginId : List.of(mfa.loginId(), hooked.loginId())) {
        assertThat(dump)
            .as("a loginId")
            .doesNotContain(loginId.toLowerCase(Locale.ROOT))
            .doesNotContain(loginId.replace("-", "").toLowerCase(Locale.ROOT));
      }
      for (String secret : secrets) {
        assertThat(secret).isNotBlank();
        assertThat(dump).as("a token or key").doesNotContain(secret.toLowerCase(Locale.ROOT));
      }
    }
  }

  private static void awaitState(EngineFixture fixture, String loginId, RetrievalState state) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> fixture.retrieval(loginId).map(Retrieval::state).orElse(null) == state);
  }

  private static String token(String relaunchUrl) {
    assertThat(relaunchUrl).contains("authorizeToken=");
    return relaunchUrl.replaceAll(".*authorizeToken=([^&]+).*", "$1");
  }

  private static JsonNode mfaEvent(EngineFixture fixture, EventReceiver lender, String loginId)
      throws IOException {
    for (EventReceiver.Delivery delivery : lender.deliveries()) {
      JsonNode event = fixture.json().readTree(delivery.body());
      if (event.path("type").asText().equals("login.mfa_required")
          && event.path("data").path("loginId").asText().equals(loginId)) {
        return event;
      }
    }
    return null;
  }

  private static int deliver(EngineFixture fixture, byte[] body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(fixture.uri(WebhookReceiver.PATH))
                .header("Content-Type", "application/json")
                .header(
                    FlinksWebhooks.AUTHENTICITY_HEADER,
                    FlinksWebhooks.sign(body, fixture.sandbox().webhookKey()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** Every text and binary value of every table of the service's schema, one line per row. */
  private static String dump(EngineFixture fixture) {
    return fixture
        .database()
        .database()
        .inTransaction(c -> {
          List<String> tables = new ArrayList<>();
          try (ResultSet rs =
              c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
              tables.add(rs.getString("TABLE_NAME"));
            }
          }
          assertThat(tables)
              .contains("logins", "outbound_events", "received_webhooks", "retrievals");
          StringBuilder out = new StringBuilder();
          for (String table : tables) {
            try (var ps = c.prepareStatement("select * from " + table);
                ResultSet rs = ps.executeQuery()) {
              int columns = rs.getMetaData().getColumnCount();
              while (rs.next()) {
                out.append(table).append(':');
                for (int i = 1; i <= columns; i++) {
                  int type = rs.getMetaData().getColumnType(i);
                  boolean binary =
                      type == Types.BINARY
                          || type == Types.VARBINARY
                          || type == Types.LONGVARBINARY
                          || type == Types.BLOB;
                  if (binary) {
                    byte[] bytes = rs.getBytes(i);
                    out.append(bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1));
                  } else {
                    out.append(rs.getString(i));
                  }
                  out.append('|');
                }
                out.append('\n');
              }
            }
          }
          return out.toString();
        });
  }
}
