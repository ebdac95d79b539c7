package io.flinks4j.sandbox.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RevisionsTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  private static Portfolio generate(List<LocalDate> versions) {
    return DataGenerator.generate(
        new DataGenerator.Spec(9, 3, 2_000, TODAY.minusDays(364), versions));
  }

  @Test
  void each_refresh_changes_one_recent_transaction_per_account_and_drops_another() {
    List<LocalDate> versions = List.of(TODAY, TODAY.plusDays(1));
    Portfolio before = generate(versions.subList(0, 1));

    Portfolio after = Revisions.apply(generate(versions), 9, versions);

    assertThat(after.modifiedIds()).hasSize(3);
    assertThat(after.removedIds()).hasSize(3).doesNotContainAnyElementsOf(after.modifiedIds());
    Map<String, Transaction> was = byId(before);
    Map<String, Transaction> now = byId(after);
    assertThat(now).doesNotContainKeys(after.removedIds().toArray(String[]::new));
    for (String id : after.modifiedIds()) {
      assertThat(now.get(id).description()).isEqualTo(was.get(id).description() + " - POSTED");
      assertThat(now.get(id).date())
          .isBefore(TODAY)
          .isAfterOrEqualTo(TODAY.minusDays(Revisions.DAYS));
    }
    for (String id : after.removedIds()) {
      assertThat(was.get(id).date())
          .isBefore(TODAY)
          .isAfterOrEqualTo(TODAY.minusDays(Revisions.DAYS));
    }
  }

  @Test
  void the_initial_aggregation_is_not_revised_and_revisions_are_deterministic() {
    List<LocalDate> one = List.of(TODAY);
    assertThat(Revisions.apply(generate(one), 9, one)).isEqualTo(generate(one));

    List<LocalDate> three = List.of(TODAY, TODAY, TODAY.plusDays(2));
    Portfolio revised = Revisions.apply(generate(three), 9, three);
    assertThat(revised).isEqualTo(Revisions.apply(generate(three), 9, three));
    assertThat(revised.modifiedIds()).hasSize(6).doesNotHaveDuplicates();
  }

  private static Map<String, Transaction> byId(Portfolio portfolio) {
    return portfolio.accounts().stream()
        .flatMap(a -> a.transactions().stream())
        .collect(Collectors.toMap(Transaction::id, Function.identity()));
  }
}
