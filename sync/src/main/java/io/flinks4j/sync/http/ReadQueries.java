package io.flinks4j.sync.http;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.flinks4j.sync.storage.Database;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL behind the read routes: accounts with their holder and latest balance, transactions,
 * balance history.
 */
final class ReadQueries {

  private final Database database;

  ReadQueries(Database database) {
    this.database = database;
  }

  /** Accounts of a login, oldest first, each with its holder and newest balance snapshot. */
  List<AccountView> accounts(long loginRef) {
    return database.inTransaction(connection -> {
      List<AccountView> accounts = new ArrayList<>();
      try (PreparedStatement select =
          connection.prepareStatement(
              """
              select a.id, a.flinks_account_id, a.title, a.account_number, a.last_four_digits,
                     a.transit_number, a.institution_number, a.category, a.kind, a.account_type,
                     a.currency, a.overdraft_limit,
                     h.name, h.civic_address, h.city, h.province, h.postal_code, h.po_box, h.country,
                     h.email, h.phone_number, h.id as holder_id,
                     b.available, b.current_amount, b.limit_amount, b.as_of, b.recorded_at
              from accounts a
              left join holders h on h.account_id = a.id
              left join balance_snapshots b on b.id =
                  (select s.id from balance_snapshots s where s.account_id = a.id
                   order by s.as_of desc nulls last, s.id desc fetch first 1 row only)
              where a.login_id = ?
              order by a.id
              """)) {
        select.setLong(1, loginRef);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            accounts.add(account(rows));
          }
        }
      }
      return accounts;
    });
  }

  /** The login an account belongs to, if the account exists. */
  Optional<Long> loginOfAccount(long accountId) {
    return database.inTransaction(connection -> {
      try (PreparedStatement select =
          connection.prepareStatement("select login_id from accounts where id = ?")) {
        select.setLong(1, accountId);
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
        }
      }
    });
  }

  /**
   * One page of an account's transactions dated within [from, to], newest first (date, then
   * insertion order, descending), starting strictly after {@code after} when given; removed ones
   * (see the change feed) left out.
   */
  List<TransactionView> transactions(
      long accountId, LocalDate from, LocalDate to, Optional<TransactionKey> after, int limit) {
    return database.inTransaction(connection -> {
      String sql =
          "select id, flinks_transaction_id, booked_on, description, debit, credit, balance, code"
              + " from transactions where account_id = ? and booked_on >= ? and booked_on <= ?"
              + " and removed_at is null"
              + (after.isPresent() ? " and (booked_on < ? or (booked_on = ? and id < ?))" : "")
              + " order by booked_on desc, id desc fetch first ? rows only";
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        int i = 1;
        select.setLong(i++, accountId);
        select.setObject(i++, from);
        select.setObject(i++, to);
        if (after.isPresent()) {
          select.setObject(i++, after.get().date());
          select.setObject(i++, after.get().date());
          select.setLong(i++, after.get().id());
        }
        select.setInt(i, limit);
        List<TransactionView> page = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            page.add(
                new TransactionView(
                    rows.getLong("id"),
                    rows.getString("flinks_transaction_id"),
                    rows.getObject("booked_on", LocalDate.class).toString(),
                    rows.getString("description"),
                    rows.getBigDecimal("debit"),
                    rows.getBigDecimal("credit"),
                    rows.getBigDecimal("balance"),
                    rows.getString("code")));
          }
        }
        return page;
      }
    });
  }

  /**
   * One page of an account's balance snapshots, newest first, after snapshot id {@code beforeId}
   * when given.
   */
  List<BalanceView> balances(long accountId, Optional<Long> beforeId, int limit) {
    return database.inTransaction(connection -> {
      String sql =
          "select id, available, current_amount, limit_amount, as_of, recorded_at from balance_snapshots"
              + " where account_id = ?"
              + (beforeId.isPresent() ? " and id < ?" : "")
              + " order by id desc fetch first ? rows only";
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        int i = 1;
        select.setLong(i++, accountId);
        if (beforeId.isPresent()) {
          select.setLong(i++, beforeId.get());
        }
        select.setInt(i, limit);
        List<BalanceView> page = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            page.add(balance(rows, rows.getLong("id")));
          }
        }
        return page;
      }
    });
  }

  private static AccountView account(ResultSet rows) throws SQLException {
    HolderView holder =
        rows.getObject("holder_id") == null
            ? null
            : new HolderView(
                rows.getString("name"),
                new AddressView(
                    rows.getString("civic_address"),
                    rows.getString("city"),
                    rows.getString("province"),
                    rows.getString("postal_code"),
                    rows.getString("po_box"),
                    rows.getString("country")),
                rows.getString("email"),
                rows.getString("phone_number"));
    BalanceView balance = rows.getObject("recorded_at") == null ? null : balance(rows, null);
    return new AccountView(
        String.valueOf(rows.getLong("id")),
        rows.getString("flinks_account_id"),
        rows.getString("title"),
        rows.getString("account_number"),
        rows.getString("last_four_digits"),
        rows.getString("transit_number"),
        rows.getString("institution_number"),
        rows.getString("category"),
        rows.getString("kind"),
        rows.getString("account_type"),
        rows.getString("currency"),
        rows.getBigDecimal("overdraft_limit"),
        holder,
        balance);
  }

  private static BalanceView balance(ResultSet rows, Long snapshotId) throws SQLException {
    LocalDateTime asOf = rows.getObject("as_of", LocalDateTime.class);
    return new BalanceView(
        snapshotId,
        rows.getBigDecimal("available"),
        rows.getBigDecimal("current_amount"),
        rows.getBigDecimal("limit_amount"),
        asOf == null ? null : asOf.toInstant(ZoneOffset.UTC).toString(),
        rows.getObject("recorded_at", OffsetDateTime.class).toInstant().toString());
  }

  /** Keyset position in a transaction listing. */
  record TransactionKey(LocalDate date, long id) {}

  /** An account as served. */
  @ApiDoc("A bank account of a login, with its holder and newest balance")
  record AccountView(
      @ApiDoc("use in /v1/accounts/{accountId}/...") String id,
      String flinksAccountId,
      @ApiDoc(nullable = true) String title,
      @ApiDoc(nullable = true) String accountNumber,
      @ApiDoc(nullable = true) String lastFourDigits,
      @ApiDoc(nullable = true) String transitNumber,
      @ApiDoc(nullable = true) String institutionNumber,
      @ApiDoc(nullable = true) String category,
      @ApiDoc(nullable = true) String type,
      @ApiDoc(nullable = true) String accountType,
      @ApiDoc(nullable = true) String currency,
      @ApiDoc(nullable = true) BigDecimal overdraftLimit,
      @ApiDoc(value = "null until Flinks sent the holder (KYC)", nullable = true) HolderView holder,
      @ApiDoc(value = "the newest balance snapshot; null before the first", nullable = true)
          BalanceView balance) {}

  /** An account holder as served. */
  @ApiDoc("The holder of an account, as the bank reports it")
  record HolderView(
      @ApiDoc(nullable = true) String name,
      AddressView address,
      @ApiDoc(nullable = true) String email,
      @ApiDoc(nullable = true) String phoneNumber) {}

  /** A holder's address as served. */
  record AddressView(
      @ApiDoc(nullable = true) String civicAddress,
      @ApiDoc(nullable = true) String city,
      @ApiDoc(nullable = true) String province,
      @ApiDoc(nullable = true) String postalCode,
      @ApiDoc(nullable = true) String poBox,
      @ApiDoc(nullable = true) String country) {}

  /**
   * A balance snapshot as served; {@code snapshotId} is internal (used for paging) and not
   * serialised.
   */
  @ApiDoc("An account's balances as of one retrieval")
  record BalanceView(
      @JsonIgnore Long snapshotId,
      @ApiDoc(nullable = true) BigDecimal available,
      @ApiDoc(nullable = true) BigDecimal current,
      @ApiDoc(nullable = true) BigDecimal limit,
      @ApiDoc(value = "Flinks LastRefresh of the data", format = "date-time", nullable = true)
          String asOf,
      @ApiDoc(value = "when this service stored it", format = "date-time") String recordedAt) {}

  /** A transaction row; {@code rowId} is internal (used for paging) and not serialised. */
  @ApiDoc("A transaction of an account")
  record TransactionView(
      @JsonIgnore long rowId,
      @ApiDoc("Flinks transaction id") @JsonProperty("id") String flinksTransactionId,
      @ApiDoc(format = "date") String date,
      @ApiDoc(nullable = true) String description,
      @ApiDoc(nullable = true) BigDecimal debit,
      @ApiDoc(nullable = true) BigDecimal credit,
      @ApiDoc(nullable = true) BigDecimal balance,
      @ApiDoc(nullable = true) String code) {}
}
