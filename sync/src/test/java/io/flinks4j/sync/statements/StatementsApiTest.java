package io.flinks4j.sync.statements;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.TestDialects;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Statements over real sockets: sandbox {@code /GetStatements} → client → sync → {@code /v1}, each
 * file kept once.
 */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class StatementsApiTest {

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  @Parameter Dialect dialect;

  static EngineFixture fixture;

  @BeforeParameterizedClassInvocation
  static void start(Dialect dialect, FlinksSandbox sandbox) {
    fixture = EngineFixture.start(dialect, sandbox, Map.of());
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    fixture.close();
  }

  @Test
  void fetched_statements_are_kept_once_and_served_as_pdf() throws Exception {
    String loginId = readyLogin(3);

    EngineFixture.Response first = fetch(loginId, "{\"numberOfStatements\":\"Months3\"}");
    EngineFixture.Response again = fetch(loginId, "{\"numberOfStatements\":\"Months3\"}");

    assertThat(first.status()).isEqualTo(201);
    assertThat(first.body().path("stored").asInt()).isEqualTo(9);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("stored").asInt()).isZero();
    JsonNode listed = fixture.get("/v1/logins/" + loginId + "/statements").body().path("data");
    assertThat(listed).hasSize(9);
    Set<String> hashes = new HashSet<>();
    for (JsonNode statement : listed) {
      HttpResponse<byte[]> pdf = download(loginId, statement.path("id").asText());
      assertThat(pdf.statusCode()).isEqualTo(200);
      assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
      assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
      assertThat(pdf.body()).hasSize(statement.path("sizeBytes").asInt());
      String sha =
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf.body()));
      assertThat(sha).isEqualTo(statement.path("sha256").asText());
      hashes.add(sha);
    }
    assertThat(hashes).hasSize(9);
  }

  @Test
  void statements_follow_the_logins_account_filter() {
    String loginId = readyLogin(2);
    String picked =
        fixture
            .get("/v1/logins/" + loginId + "/accounts")
            .body()
            .path("data")
            .get(0)
            .path("flinksAccountId")
            .asText();
    String number =
        fixture
            .get("/v1/logins/" + loginId + "/accounts")
            .body()
            .path("data")
            .get(0)
            .path("accountNumber")
            .asText();
    assertThat(
            fixture
                .patch("/v1/logins/" + loginId, "{\"accountIds\":[\"" + picked + "\"]}")
                .status())
        .isEqualTo(200);

    EngineFixture.Response fetched = fetch(loginId, "");

    assertThat(fetched.body().path("stored").asInt()).isEqualTo(1);
    assertThat(fetched.body().path("data").get(0).path("accountNumber").asText()).isEqualTo(number);
  }

  @Test
  void bad_requests_are_refused() {
    String loginId = readyLogin(1);

    EngineFixture.Response bad = fetch(loginId, "{\"numberOfStatements\":\"Months6\"}");

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("error").path("code").asText())
        .isEqualTo("invalid_number_of_statements");
    assertThat(download(loginId, "99999").statusCode()).isEqualTo(404);
    assertThat(download(loginId, "not-an-id").statusCode()).isEqualTo(404);
    assertThat(fetch(UUID.randomUUID().toString(), "").status()).isEqualTo(404);
  }

  private static String readyLogin(int accounts) {
    return fixture.readyLogin(
        LoginSpec.named("statements-" + UUID.randomUUID())
            .withAccounts(accounts)
            .withTransactionsPerYear(200)
            .withProcessingDelay(Duration.ZERO));
  }

  private static EngineFixture.Response fetch(String loginId, String body) {
    return fixture.post("/v1/logins/" + loginId + "/statements", body);
  }

  private static HttpResponse<byte[]> download(String loginId, String id) {
    return fixture.getBytes("/v1/logins/" + loginId + "/statements/" + id);
  }
}
