package io.flinks4j.sync.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Searching the logins list in headless Chromium: the service filters, the page shows what it
 * answers.
 */
@Tag("browser")
class DashboardSearchBrowserTest {

  @RegisterExtension static final DashboardHarness page = new DashboardHarness();

  @Test
  void typing_a_loginId_prefix_a_tag_or_picking_a_state_narrows_the_list() {
    String ready = page.newLogin(20).loginId();
    page.registerReady(ready, "vip-customer");
    String fresh = "feed" + UUID.randomUUID().toString().substring(4);
    page.service.logins().register(fresh, Optional.of("VIP-prospect"));
    String other = "0000" + UUID.randomUUID().toString().substring(4);
    page.service.logins().register(other, Optional.of("standard"));

    page.enterKey(DashboardHarness.KEY);
    page.loginRow(other);

    page.type("search-tag", "vip");
    page.waiting()
        .until(d -> shown().equals(List.of(ready, fresh)) || shown().equals(List.of(fresh, ready)));

    page.type("search-login-id", "FEED");
    page.waiting().until(d -> shown().equals(List.of(fresh)));

    page.element("search-form").findElement(By.cssSelector("button[type=reset]")).click();
    new Select(page.element("search-state")).selectByVisibleText("never retrieved");
    page.waiting()
        .withMessage(() ->
            "shown "
                + shown()
                + " for state="
                + page.element("search-state").getAttribute("value")
                + ", tag="
                + page.element("search-tag").getAttribute("value"))
        .until(d -> shown().containsAll(List.of(fresh, other)) && !shown().contains(ready));
    page.screenshot("search", page.element("search-form"));

    page.type("search-reason", "INVALID_LOGIN");
    WebElement empty =
        page.waiting()
            .until(d ->
                shown().isEmpty() ? d.findElement(By.cssSelector("#logins tbody td.muted")) : null);
    assertThat(empty.getText()).isEqualTo("No login matches the search.");
  }

  /** The loginIds the list shows, top to bottom. */
  @SuppressWarnings("unchecked")
  private static List<String> shown() {
    return (List<String>)
        page.chromium
            .driver()
            .executeScript(
                "return [...document.querySelectorAll('#logins tbody tr[data-login-id]:not(.mfa)')]"
                    + ".map(r => r.dataset.loginId);");
  }
}
