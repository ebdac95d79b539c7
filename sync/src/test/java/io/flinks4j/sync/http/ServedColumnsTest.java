package io.flinks4j.sync.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sync.feed.ChangeFeed;
import io.flinks4j.sync.ingest.StoredColumns;
import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Fails when a stored column of a transaction or an account is not served by the read routes. */
class ServedColumnsTest {

  @Test
  void every_stored_transaction_column_is_served() {
    assertThat(served(ReadQueries.TransactionView.class, Map.of("booked_on", "date")))
        .containsAll(StoredColumns.transactionColumns());
  }

  @Test
  void every_stored_transaction_column_is_in_the_change_feed() {
    assertThat(served(ChangeFeed.ChangedTransaction.class, Map.of("booked_on", "date")))
        .containsAll(StoredColumns.transactionColumns());
  }

  @Test
  void every_stored_account_and_holder_column_is_served() {
    assertThat(served(ReadQueries.AccountView.class, Map.of("kind", "type")))
        .containsAll(StoredColumns.accountColumns());
    Set<String> holder = served(ReadQueries.HolderView.class, Map.of());
    holder.addAll(served(ReadQueries.AddressView.class, Map.of()));
    assertThat(holder).containsAll(StoredColumns.holderColumns());
  }

  /** The view's components as column names (camelCase to snake_case), renamed where noted. */
  private static Set<String> served(Class<?> view, Map<String, String> columnToComponent) {
    Set<String> columns = new HashSet<>();
    for (RecordComponent c : view.getRecordComponents()) {
      columns.add(c.getName().replaceAll("([A-Z])", "_$1").toLowerCase());
      columnToComponent.forEach((column, component) -> {
        if (component.equals(c.getName())) {
          columns.add(column);
        }
      });
    }
    return columns;
  }
}
