package io.flinks4j.sync.statements;

import io.flinks4j.client.model.AccountStatements;
import io.flinks4j.client.model.Statement;
import io.flinks4j.client.model.Statements;
import io.flinks4j.sync.http.ApiDoc;
import io.flinks4j.sync.storage.Database;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a login's PDF statements, each distinct file once (by the SHA-256 of its bytes), so
 * fetching the same statements again stores nothing. Thread-safe.
 */
public final class StatementStore {

  private static final String COLUMNS =
      "id, sha256, account_number, flinks_statement_id, file_type, size_bytes," + " fetched_at";

  private final Database database;
  private final Clock clock;

  public StatementStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /**
   * Stores the files of a {@code /GetStatements} answer not stored for the login yet.
   *
   * @return how many were new
   * @throws IllegalArgumentException when a file is not valid Base64 (nothing is stored then)
   */
  public int store(long loginRef, Statements statements) {
    List<Entry> files = new ArrayList<>();
    for (AccountStatements account : statements.statementsByAccount()) {
      for (Statement statement : account.statements()) {
        byte[] content = statement.decode();
        if (content.length > 0) {
          files.add(new Entry(account.accountNumber(), statement, content, sha256(content)));
        }
      }
    }
    OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    return database.inTransaction(c -> {
      int stored = 0;
      try (PreparedStatement insert =
          c.prepareStatement(
              "insert into statements (login_id, sha256, account_number,"
                  + " flinks_statement_id, file_type, size_bytes, content, fetched_at) values (?, ?, ?, ?, ?, ?, ?, ?)"
                  + " on conflict do nothing")) {
        for (Entry file : files) {
          insert.setLong(1, loginRef);
          insert.setString(2, file.sha256());
          insert.setString(3, clean(file.accountNumber()));
          insert.setString(4, clean(file.statement().uniqueId()));
          insert.setString(5, clean(file.statement().fileType()));
          insert.setInt(6, file.content().length);
          insert.setBytes(7, file.content());
          insert.setObject(8, now);
          stored += insert.executeUpdate(); // one by one: the count of new files must be exact
        }
      }
      return stored;
    });
  }

  /** The login's statements, oldest fetch first, without their content. */
  public List<StoredStatement> list(long loginRef) {
    return database.inTransaction(c -> {
      try (PreparedStatement select =
          c.prepareStatement(
              "select " + COLUMNS + " from statements where login_id = ? order by id")) {
        select.setLong(1, loginRef);
        List<StoredStatement> all = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            all.add(read(rows));
          }
        }
        return all;
      }
    });
  }

  /** The bytes of one of the login's statements. */
  public Optional<byte[]> content(long loginRef, long id) {
    return database.inTransaction(c -> {
      try (PreparedStatement select =
          c.prepareStatement("select content from statements where login_id = ? and id = ?")) {
        select.setLong(1, loginRef);
        select.setLong(2, id);
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
        }
      }
    });
  }

  /** A stored statement as served; {@code sha256} identifies its content. */
  @ApiDoc("A stored statement file (its content at /v1/logins/{loginId}/statements/{statementId})")
  public record StoredStatement(
      @ApiDoc("the statementId of its download") String id,
      @ApiDoc("hex SHA-256 of the file: each distinct file is stored once") String sha256,
      @ApiDoc(nullable = true) String accountNumber,
      @ApiDoc(nullable = true) String flinksStatementId,
      @ApiDoc(nullable = true) String fileType,
      int sizeBytes,
      @ApiDoc(format = "date-time") String fetchedAt) {
    /** A builder with every field unset (null, or the type's zero). */
    public static Builder builder() {
      return new Builder();
    }

    /**
     * Sets the fields of a {@link StoredStatement} by name, so two of the same type cannot be
     * swapped.
     */
    public static final class Builder {
      private String id;
      private String sha256;
      private String accountNumber;
      private String flinksStatementId;
      private String fileType;
      private int sizeBytes;
      private String fetchedAt;

      private Builder() {}

      public Builder id(String id) {
        this.id = id;
        return this;
      }

      public Builder sha256(String sha256) {
        this.sha256 = sha256;
        return this;
      }

      public Builder accountNumber(String accountNumber) {
        this.accountNumber = accountNumber;
        return this;
      }

      public Builder flinksStatementId(String flinksStatementId) {
        this.flinksStatementId = flinksStatementId;
        return this;
      }

      public Builder fileType(String fileType) {
        this.fileType = fileType;
        return this;
      }

      public Builder sizeBytes(int sizeBytes) {
        this.sizeBytes = sizeBytes;
        return this;
      }

      public Builder fetchedAt(String fetchedAt) {
        this.fetchedAt = fetchedAt;
        return this;
      }

      public StoredStatement build() {
        return new StoredStatement(
            id, sha256, accountNumber, flinksStatementId, fileType, sizeBytes, fetchedAt);
      }
    }
  }

  private static StoredStatement read(ResultSet rows) throws SQLException {
    return StoredStatement.builder()
        .id(String.valueOf(rows.getLong("id")))
        .sha256(rows.getString("sha256"))
        .accountNumber(rows.getString("account_number"))
        .flinksStatementId(rows.getString("flinks_statement_id"))
        .fileType(rows.getString("file_type"))
        .sizeBytes(rows.getInt("size_bytes"))
        .fetchedAt(rows.getObject("fetched_at", OffsetDateTime.class).toInstant().toString())
        .build();
  }

  private record Entry(String accountNumber, Statement statement, byte[] content, String sha256) {}

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** Bank text without NUL, which PostgreSQL refuses in text columns. */
  private static String clean(String value) {
    return value == null ? null : value.replace('\u0000', '\uFFFD');
  }
}
