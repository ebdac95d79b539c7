package io.flinks4j.sync.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinks4j.client.webhook.FlinksWebhooks;
import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.webhook.WebhookReceiver;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A webhook the database refuses is parked; the dashboard lists it and its Replay button applies
 * it.
 */
@Tag("browser")
class DashboardDeadLettersBrowserTest {

  @RegisterExtension static final DashboardHarness page = new DashboardHarness();

  private static final String POISON = "Refused by the dead-letter test";

  @Test
  void a_parked_webhook_is_shown_and_replayed_from_the_dashboard() throws Exception {
    String loginId = page.newLogin(20).loginId();
    page.registerReady(loginId, null);
    execute(
        "alter table accounts add constraint ck_dashboard_poison check (title <> '"
            + POISON
            + "')");
    ObjectNode detail = EngineFixture.accountsDetailWebhook(page.sandbox, loginId);
    detail.path("Accounts").forEach(account -> ((ObjectNode) account).put("Title", POISON));
    byte[] body = new ObjectMapper().writeValueAsBytes(detail);
    page.send(
        HttpRequest.newBuilder(page.service.uri().resolve(WebhookReceiver.PATH))
            .header(
                FlinksWebhooks.AUTHENTICITY_HEADER,
                FlinksWebhooks.sign(body, page.sandbox.webhookKey()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !page.api("/v1/dead-letters").path("data").isEmpty());

    page.enterKey(DashboardHarness.KEY);
    page.waiting()
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("dead-letters-section")));
    List<WebElement> rows = page.awaitRows("#dead-letters tbody tr", 1);
    assertThat(rows).hasSize(1);
    assertThat(rows.getFirst().getText()).contains("GetAccountsDetail", loginId, "sqlstate_");

    execute("alter table accounts drop constraint ck_dashboard_poison");
    rows.getFirst().findElement(By.cssSelector("button[data-action=replay]")).click();

    page.waiting()
        .until(ExpectedConditions.invisibilityOfElementLocated(By.id("dead-letters-section")));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> page.api("/v1/dead-letters").path("data").isEmpty());
    assertThat(
            page.api("/v1/logins/" + DashboardHarness.encode(loginId) + "/accounts")
                .path("data")
                .get(0)
                .path("title")
                .asText())
        .isEqualTo(POISON); // the replay applied it
  }

  private static void execute(String ddl) {
    page.service
        .database()
        .inTransaction(c -> {
          try (var statement = c.createStatement()) {
            statement.execute(ddl);
          }
          return null;
        });
  }
}
