package io.flinks4j.sync.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sync.ingest.Ingester;
import io.flinks4j.sync.testing.Payloads;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The key form and the balance chart, in headless Chromium against the real service. */
@Tag("browser")
class DashboardChartBrowserTest {

  @RegisterExtension static final DashboardHarness page = new DashboardHarness();

  @Test
  void once_the_key_is_accepted_its_form_is_no_longer_shown() {
    page.enterKey(DashboardHarness.KEY);

    page.waiting().until(d -> page.element("main").isDisplayed());
    assertThat(page.element("key-form").isDisplayed()).isFalse();
    assertThat(page.element("forget-key").isDisplayed()).isTrue();
  }

  @Test
  void the_balance_chart_has_one_point_per_snapshot_in_time_order_at_its_amount() {
    String loginId = UUID.randomUUID().toString();
    long ref = page.service.logins().register(loginId, Optional.of("chart")).login().id();
    String[] amounts = {"1500.00", "820.50", "2310.25", "1210.00", "-40.00"};
    Ingester ingester = new Ingester(Clock.systemUTC());
    for (int i = 0; i < amounts.length; i++) {
      int day = i + 1;
      BigDecimal available = new BigDecimal(amounts[i]);
      Payloads payload = Payloads.forLogin(loginId).lastRefresh("2026-11-0" + day + "T10:00:00");
      payload.account("acc-1", available);
      page.service
          .database()
          .inTransaction(c -> ingester.apply(c, ref, "r" + day, payload.parse()));
    }
    JsonNode account = page.api("/v1/logins/" + loginId + "/accounts").path("data").get(0);
    List<Snapshot> snapshots = new ArrayList<>();
    page.api("/v1/accounts/" + account.path("id").asText() + "/balances")
        .path("data")
        .forEach(b ->
            snapshots.add(
                new Snapshot(
                    Instant.parse(b.path("asOf").asText().replace("Z", "") + "Z"),
                    b.path("current").doubleValue())));
    snapshots.sort(Comparator.comparing(Snapshot::asOf));
    assertThat(snapshots).hasSize(amounts.length);

    page.enterKey(DashboardHarness.KEY);
    page.openLogin(loginId);
    page.awaitRows("#accounts tbody tr[data-account-id]", 1)
        .getFirst()
        .findElement(By.name("open-account"))
        .click();
    WebElement path =
        page.waiting()
            .until(d ->
                d.findElements(By.cssSelector("#balance-chart path.current")).stream()
                    .findFirst()
                    .orElse(null));
    page.screenshot("balance-chart", page.element("balance-chart"));

    List<double[]> points = vertices(path.getAttribute("d"));
    assertThat(points).hasSize(snapshots.size());
    double low = snapshots.stream().mapToDouble(Snapshot::current).min().orElseThrow();
    double high = snapshots.stream().mapToDouble(Snapshot::current).max().orElseThrow();
    double top = points.stream().mapToDouble(p -> p[1]).min().orElseThrow();
    double bottom = points.stream().mapToDouble(p -> p[1]).max().orElseThrow();
    for (int i = 0; i < points.size(); i++) {
      if (i > 0) {
        assertThat(points.get(i)[0]).as("x of point %d", i).isGreaterThan(points.get(i - 1)[0]);
      }
      double shown =
          (bottom - points.get(i)[1]) / (bottom - top); // 0 at the lowest amount, 1 at the highest
      assertThat(shown)
          .as("height of point %d", i)
          .isCloseTo((snapshots.get(i).current() - low) / (high - low), within(0.005));
    }
    assertThat(page.chromium.driver().findElements(By.cssSelector("#balance-chart circle")))
        .hasSize(snapshots.size());
  }

  private record Snapshot(Instant asOf, double current) {}

  /** The vertices of an SVG path written as {@code M x,y L x,y ...}. */
  private static List<double[]> vertices(String d) {
    List<double[]> points = new ArrayList<>();
    for (String part : d.trim().split("\\s+")) {
      String[] xy = part.substring(1).split(",");
      points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
    }
    return points;
  }
}
