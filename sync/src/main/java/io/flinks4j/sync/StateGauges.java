package io.flinks4j.sync;

import io.flinks4j.sync.retrieval.RetrievalState;
import io.flinks4j.sync.storage.Database;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code flinks4j_retrievals{state=...}}: retrievals per state, counted by the sweep rather than at
 * scrape time so a Prometheus scrape never queries the database.
 */
final class StateGauges {

  private final Database database;
  private final Map<RetrievalState, AtomicLong> counts = new EnumMap<>(RetrievalState.class);

  StateGauges(Database database, MeterRegistry meters) {
    this.database = database;
    for (RetrievalState state : RetrievalState.values()) {
      AtomicLong count = new AtomicLong();
      counts.put(state, count);
      Gauge.builder("flinks4j.retrievals", count, AtomicLong::get)
          .description("Retrievals by state (refreshed by the sweep)")
          .tag("state", state.wireName())
          .register(meters);
    }
  }

  void refresh() {
    Map<RetrievalState, Long> fresh =
        database.inTransaction(c -> {
          Map<RetrievalState, Long> byState = new EnumMap<>(RetrievalState.class);
          try (PreparedStatement ps =
                  c.prepareStatement("select state, count(*) from retrievals group by state");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              byState.put(
                  RetrievalState.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)),
                  rs.getLong(2));
            }
          }
          return byState;
        });
    counts.forEach((state, count) -> count.set(fresh.getOrDefault(state, 0L)));
  }
}
