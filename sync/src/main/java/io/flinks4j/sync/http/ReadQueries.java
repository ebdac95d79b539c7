package io.flinks4j.sync.http;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.flinks4j.sync.ingest.StoredColumns;
import io.flinks4j.sync.storage.Database;
import io.flinks4j.sync.storage.NamedStatement;
import java.math.BigDecimal;
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
      try (NamedStatement select =
          NamedStatement.prepare(
              connection,
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
              where a.login_id = :login_id
              order by a.id
              """)) {
        select.setLong("login_id", loginRef);
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
      try (NamedStatement select =
          NamedStatement.prepare(connection, "select login_id from accounts where id = :id")) {
        select.setLong("id", accountId);
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
          "select id, flinks_transaction_id, "
              + String.join(", ", StoredColumns.transactionColumns())
              + " from transactions where account_id = :account_id"
              + " and booked_on >= :from and booked_on <= :to and removed_at is null"
              + (after.isPresent()
                  ? " and (booked_on < :after_date or (booked_on = :after_date and id < :after_id))"
                  : "")
              + " order by booked_on desc, id desc fetch first :limit rows only";
      try (NamedStatement select = NamedStatement.prepare(connection, sql)) {
        select.setLong("account_id", accountId).setObject("from", from).setObject("to", to);
        if (after.isPresent()) {
          select.setObject("after_date", after.get().date()).setLong("after_id", after.get().id());
        }
        select.setInt("limit", limit);
        List<TransactionView> page = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            page.add(
                TransactionView.builder()
                    .rowId(rows.getLong("id"))
                    .flinksTransactionId(rows.getString("flinks_transaction_id"))
                    .date(rows.getObject("booked_on", LocalDate.class).toString())
                    .description(rows.getString("description"))
                    .debit(rows.getBigDecimal("debit"))
                    .credit(rows.getBigDecimal("credit"))
                    .balance(rows.getBigDecimal("balance"))
                    .code(rows.getString("code"))
                    .build());
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
              + " where account_id = :account_id"
              + (beforeId.isPresent() ? " and id < :before_id" : "")
              + " order by id desc fetch first :limit rows only";
      try (NamedStatement select = NamedStatement.prepare(connection, sql)) {
        select.setLong("account_id", accountId);
        if (beforeId.isPresent()) {
          select.setLong("before_id", beforeId.get());
        }
        select.setInt("limit", limit);
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
    return AccountView.builder()
        .id(String.valueOf(rows.getLong("id")))
        .flinksAccountId(rows.getString("flinks_account_id"))
        .title(rows.getString("title"))
        .accountNumber(rows.getString("account_number"))
        .lastFourDigits(rows.getString("last_four_digits"))
        .transitNumber(rows.getString("transit_number"))
        .institutionNumber(rows.getString("institution_number"))
        .category(rows.getString("category"))
        .type(rows.getString("kind"))
        .accountType(rows.getString("account_type"))
        .currency(rows.getString("currency"))
        .overdraftLimit(rows.getBigDecimal("overdraft_limit"))
        .holder(holder)
        .balance(balance)
        .build();
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
          BalanceView balance) {
    /** A builder with every field unset (null, or the type's zero). */
    static Builder builder() {
      return new Builder();
    }

    /**
     * Sets the fields of a {@link AccountView} by name, so two of the same type cannot be swapped.
     */
    static final class Builder {
      private String id;
      private String flinksAccountId;
      private String title;
      private String accountNumber;
      private String lastFourDigits;
      private String transitNumber;
      private String institutionNumber;
      private String category;
      private String type;
      private String accountType;
      private String currency;
      private BigDecimal overdraftLimit;
      private HolderView holder;
      private BalanceView balance;

      private Builder() {}

      Builder id(String id) {
        this.id = id;
        return this;
      }

      Builder flinksAccountId(String flinksAccountId) {
        this.flinksAccountId = flinksAccountId;
        return this;
      }

      Builder title(String title) {
        this.title = title;
        return this;
      }

      Builder accountNumber(String accountNumber) {
        this.accountNumber = accountNumber;
        return this;
      }

      Builder lastFourDigits(String lastFourDigits) {
        this.lastFourDigits = lastFourDigits;
        return this;
      }

      Builder transitNumber(String transitNumber) {
        this.transitNumber = transitNumber;
        return this;
      }

      Builder institutionNumber(String institutionNumber) {
        this.institutionNumber = institutionNumber;
        return this;
      }

      Builder category(String category) {
        this.category = category;
        return this;
      }

      Builder type(String type) {
        this.type = type;
        return this;
      }

      Builder accountType(String accountType) {
        this.accountType = accountType;
        return this;
      }

      Builder currency(String currency) {
        this.currency = currency;
        return this;
      }

      Builder overdraftLimit(BigDecimal overdraftLimit) {
        this.overdraftLimit = overdraftLimit;
        return this;
      }

      Builder holder(HolderView holder) {
        this.holder = holder;
        return this;
      }

      Builder balance(BalanceView balance) {
        this.balance = balance;
        return this;
      }

      AccountView build() {
        return new AccountView(
            id,
            flinksAccountId,
            title,
            accountNumber,
            lastFourDigits,
            transitNumber,
            institutionNumber,
            category,
            type,
            accountType,
            currency,
            overdraftLimit,
            holder,
            balance);
      }
    }
  }

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
      @ApiDoc(nullable = true) String code) {
    /** A builder with every field unset (null, or the type's zero). */
    static Builder builder() {
      return new Builder();
    }

    /**
     * Sets the fields of a {@link TransactionView} by name, so two of the same type cannot be
     * swapped.
     */
    static final class Builder {
      private long rowId;
      private String flinksTransactionId;
      private String date;
      private String description;
      private BigDecimal debit;
      private BigDecimal credit;
      private BigDecimal balance;
      private String code;

      private Builder() {}

      Builder rowId(long rowId) {
        this.rowId = rowId;
        return this;
      }

      Builder flinksTransactionId(String flinksTransactionId) {
        this.flinksTransactionId = flinksTransactionId;
        return this;
      }

      Builder date(String date) {
        this.date = date;
        return this;
      }

      Builder description(String description) {
        this.description = description;
        return this;
      }

      Builder debit(BigDecimal debit) {
        this.debit = debit;
        return this;
      }

      Builder credit(BigDecimal credit) {
        this.credit = credit;
        return this;
      }

      Builder balance(BigDecimal balance) {
        this.balance = balance;
        return this;
      }

      Builder code(String code) {
        this.code = code;
        return this;
      }

      TransactionView build() {
        return new TransactionView(
            rowId, flinksTransactionId, date, description, debit, credit, balance, code);
      }
    }
  }
}
