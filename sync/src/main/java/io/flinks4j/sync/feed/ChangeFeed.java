package io.flinks4j.sync.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flinks4j.sync.http.ApiDoc;
import io.flinks4j.sync.ingest.StoredColumns;
import io.flinks4j.sync.storage.Database;
import io.flinks4j.sync.storage.NamedStatement;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a login's transaction changes in change-sequence order, like Plaid's {@code
 * /transactions/sync}: each transaction appears once, at its latest change, classified against the
 * position the reader comes from.
 *
 * <p>A reader at position {@code p} has applied every change numbered up to {@code p}. A present
 * row whose {@code added_seq} is above {@code p} is new to it ({@code added}), another present row
 * is {@code modified}, and a removed row is {@code removed} (even one the reader never saw:
 * deleting what is absent is harmless, and it keeps a replay from an older position than the
 * reader's data correct). Applying added and modified as upserts by (accountId, id) and removed as
 * deletes converges to the stored state from any position, whatever arrives between pages: a change
 * after a page was read only moves its row to a higher number, which a later page returns.
 * Thread-safe.
 */
public final class ChangeFeed {

  private final Database database;

  public ChangeFeed(Database database) {
    this.database = database;
  }

  /** The changes after position {@code after}, at most {@code limit} of them. */
  public Page page(long loginRef, long after, int limit) {
    return database.inTransaction(connection -> {
      try (NamedStatement select =
          NamedStatement.prepare(
              connection,
              "select flinks_transaction_id, account_id, "
                  + String.join(", ", StoredColumns.transactionColumns())
                  + ", version, added_seq, change_seq, removed_at from transactions"
                  + " where login_id = :login_id and change_seq > :after"
                  + " order by change_seq fetch first :limit rows only")) {
        select.setLong("login_id", loginRef).setLong("after", after).setInt("limit", limit + 1);
        List<ChangedTransaction> added = new ArrayList<>();
        List<ChangedTransaction> modified = new ArrayList<>();
        List<RemovedTransaction> removed = new ArrayList<>();
        long position = after;
        int read = 0;
        boolean more = false;
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            if (read++ == limit) {
              more = true;
              break;
            }
            position = rows.getLong("change_seq");
            String accountId = String.valueOf(rows.getLong("account_id"));
            String id = rows.getString("flinks_transaction_id");
            if (rows.getObject("removed_at") != null) {
              removed.add(new RemovedTransaction(id, accountId));
              continue;
            }
            ChangedTransaction change =
                ChangedTransaction.builder()
                    .id(id)
                    .accountId(accountId)
                    .date(rows.getObject("booked_on", LocalDate.class).toString())
                    .description(rows.getString("description"))
                    .debit(rows.getBigDecimal("debit"))
                    .credit(rows.getBigDecimal("credit"))
                    .balance(rows.getBigDecimal("balance"))
                    .code(rows.getString("code"))
                    .version(rows.getInt("version"))
                    .build();
            (rows.getLong("added_seq") > after ? added : modified).add(change);
          }
        }
        return new Page(added, modified, removed, position, more);
      }
    });
  }

  /**
   * One page of the feed.
   *
   * @param next the position to read from next (the last change this page covers, or the given one
   *     when empty)
   * @param hasMore whether changes after {@code next} were already there when this page was read
   */
  public record Page(
      List<ChangedTransaction> added,
      List<ChangedTransaction> modified,
      List<RemovedTransaction> removed,
      long next,
      boolean hasMore) {}

  /** A transaction as it now is. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @ApiDoc("A transaction added or modified, at its current content")
  public record ChangedTransaction(
      @ApiDoc("Flinks transaction id, unique within its account") String id,
      @ApiDoc("use in /v1/accounts/{accountId}") String accountId,
      @ApiDoc(format = "date") String date,
      @ApiDoc(nullable = true) String description,
      @ApiDoc(nullable = true) BigDecimal debit,
      @ApiDoc(nullable = true) BigDecimal credit,
      @ApiDoc(nullable = true) BigDecimal balance,
      @ApiDoc(nullable = true) String code,
      @ApiDoc("1 when first seen, +1 per modification") int version) {
    /** A builder with every field unset (null, or the type's zero). */
    public static Builder builder() {
      return new Builder();
    }

    /**
     * Sets the fields of a {@link ChangedTransaction} by name, so two of the same type cannot be
     * swapped.
     */
    public static final class Builder {
      private String id;
      private String accountId;
      private String date;
      private String description;
      private BigDecimal debit;
      private BigDecimal credit;
      private BigDecimal balance;
      private String code;
      private int version;

      private Builder() {}

      public Builder id(String id) {
        this.id = id;
        return this;
      }

      public Builder accountId(String accountId) {
        this.accountId = accountId;
        return this;
      }

      public Builder date(String date) {
        this.date = date;
        return this;
      }

      public Builder description(String description) {
        this.description = description;
        return this;
      }

      public Builder debit(BigDecimal debit) {
        this.debit = debit;
        return this;
      }

      public Builder credit(BigDecimal credit) {
        this.credit = credit;
        return this;
      }

      public Builder balance(BigDecimal balance) {
        this.balance = balance;
        return this;
      }

      public Builder code(String code) {
        this.code = code;
        return this;
      }

      public Builder version(int version) {
        this.version = version;
        return this;
      }

      public ChangedTransaction build() {
        return new ChangedTransaction(
            id, accountId, date, description, debit, credit, balance, code, version);
      }
    }
  }

  /** A transaction that vanished from Flinks's window while inside it. */
  @ApiDoc("A transaction Flinks no longer lists although its date is within the window: delete it")
  public record RemovedTransaction(
      String id, @ApiDoc("use in /v1/accounts/{accountId}") String accountId) {}
}
