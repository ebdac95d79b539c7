package io.flinks4j.sync.testing;

import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.sync.crypto.LoginIdProtector;
import io.flinks4j.sync.crypto.MasterKey;
import io.flinks4j.sync.ingest.IngestResult;
import io.flinks4j.sync.ingest.Ingester;
import io.flinks4j.sync.login.LoginRepository;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the tests of ingest and of the change feed share: one login registered afresh on a test
 * database, and an {@link Ingester} writing payloads for it at a fixed "now", each in its own
 * transaction as the engine applies them.
 */
public final class IngestFixture {

  /** The loginId of the one login; {@link Payloads#forLogin} builds its payloads. */
  public static final String LOGIN_ID = "5602459c-f6d0-4ca0-6750-08dccdcadcc0";

  /** The day the tests' transactions are booked around. */
  public static final LocalDate DAY = LocalDate.of(2026, 11, 20);

  /** "Now" for the ingester and the login repository. */
  public static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  private final TestDatabase db;
  private final Ingester ingester = new Ingester(CLOCK);
  private final LoginRepository logins;
  private long loginRef;

  public IngestFixture(TestDatabase db) {
    this.db = db;
    this.logins =
        new LoginRepository(db.database(), new LoginIdProtector(MasterKey.generate()), CLOCK);
  }

  /** Empties the database and registers {@link #LOGIN_ID} again: its new row id. */
  public long registerLogin() {
    db.clear();
    loginRef = logins.register(LOGIN_ID, Optional.empty()).login().id();
    return loginRef;
  }

  public TestDatabase db() {
    return db;
  }

  public Ingester ingester() {
    return ingester;
  }

  public LoginRepository logins() {
    return logins;
  }

  /** The row id of the login {@link #registerLogin} registered last. */
  public long loginRef() {
    return loginRef;
  }

  /** Applies {@code detail} to the login in one transaction, as retrieval {@code retrievalKey}. */
  public IngestResult apply(String retrievalKey, AccountsDetail detail) {
    return db.database().inTransaction(c -> ingester.apply(c, loginRef, retrievalKey, detail));
  }

  /** The first column of every row {@code sql} selects, in order. */
  @SuppressWarnings("unchecked")
  public <T> List<T> column(String sql) {
    return db.database()
        .inTransaction(connection -> {
          List<T> values = new ArrayList<>();
          try (ResultSet result = connection.createStatement().executeQuery(sql)) {
            while (result.next()) {
              values.add((T) result.getObject(1));
            }
          }
          return values;
        });
  }
}
