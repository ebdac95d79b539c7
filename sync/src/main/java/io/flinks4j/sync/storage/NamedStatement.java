package io.flinks4j.sync.storage;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A prepared statement whose parameters are bound by name ({@code insert into t (a, b) values (:a,
 * :b)}) instead of by a hand-counted index, so a column and its value cannot drift apart when a
 * column is added. A name may appear several times; each occurrence gets the value.
 *
 * <p>Before each {@link #addBatch()} or execution it checks that every parameter was bound since
 * the last one, so a forgotten bind fails at once instead of reusing the previous row's value.
 * Names are resolved to indexes once, when the statement is prepared; binding costs a hash lookup.
 * Not thread-safe, like the statement it wraps.
 */
public final class NamedStatement implements AutoCloseable {

  private final PreparedStatement statement;
  private final Map<String, Param> indexes;
  private final BitSet bound;
  private final int names;

  private NamedStatement(PreparedStatement statement, Parsed parsed) {
    this.statement = statement;
    this.indexes = parsed.indexes();
    this.names = parsed.indexes().size();
    this.bound = new BitSet(names);
  }

  /** Prepares {@code sql}, whose {@code :name} parameters become JDBC {@code ?} markers. */
  public static NamedStatement prepare(Connection connection, String sql) throws SQLException {
    Parsed parsed = parse(sql);
    return new NamedStatement(connection.prepareStatement(parsed.jdbcSql()), parsed);
  }

  /** {@code sql} with its named parameters replaced by {@code ?}: visible for tests. */
  static String jdbcSql(String sql) {
    return parse(sql).jdbcSql();
  }

  /** Binds text as it came, but for NUL (see {@link Columns#storable}). */
  public NamedStatement setText(String name, String value) throws SQLException {
    String storable = Columns.storable(value);
    for (int i : indexes(name)) {
      statement.setString(i, storable);
    }
    return this;
  }

  public NamedStatement setLong(String name, long value) throws SQLException {
    for (int i : indexes(name)) {
      statement.setLong(i, value);
    }
    return this;
  }

  /** Binds {@code value}, or SQL NULL of type BIGINT. */
  public NamedStatement setLong(String name, Long value) throws SQLException {
    for (int i : indexes(name)) {
      if (value == null) {
        statement.setNull(i, Types.BIGINT);
      } else {
        statement.setLong(i, value);
      }
    }
    return this;
  }

  public NamedStatement setInt(String name, int value) throws SQLException {
    for (int i : indexes(name)) {
      statement.setInt(i, value);
    }
    return this;
  }

  /** Binds {@code value}, or SQL NULL of type NUMERIC. */
  public NamedStatement setAmount(String name, BigDecimal value) throws SQLException {
    for (int i : indexes(name)) {
      if (value == null) {
        statement.setNull(i, Types.NUMERIC);
      } else {
        statement.setBigDecimal(i, value);
      }
    }
    return this;
  }

  /** Binds a {@code java.time} value (or null) through {@code setObject}. */
  public NamedStatement setObject(String name, Object value) throws SQLException {
    for (int i : indexes(name)) {
      statement.setObject(i, value);
    }
    return this;
  }

  /** Binds every column of {@code columns} to the parameter of the same name. */
  public <T> NamedStatement bind(Columns<T> columns, T value) throws SQLException {
    columns.bind(this, value);
    return this;
  }

  public void addBatch() throws SQLException {
    checkBound();
    statement.addBatch();
  }

  public int[] executeBatch() throws SQLException {
    return statement.executeBatch();
  }

  public int executeUpdate() throws SQLException {
    checkBound();
    return statement.executeUpdate();
  }

  public ResultSet executeQuery() throws SQLException {
    checkBound();
    return statement.executeQuery();
  }

  @Override
  public void close() throws SQLException {
    statement.close();
  }

  private int[] indexes(String name) {
    Param param = indexes.get(name);
    if (param == null) {
      throw new IllegalArgumentException("no parameter :" + name + " in " + indexes.keySet());
    }
    bound.set(param.ordinal());
    return param.at();
  }

  private void checkBound() {
    if (bound.cardinality() != names) {
      List<String> missing = new ArrayList<>();
      for (Map.Entry<String, Param> entry : indexes.entrySet()) {
        if (!bound.get(entry.getValue().ordinal())) {
          missing.add(entry.getKey());
        }
      }
      throw new IllegalStateException("parameters not bound: :" + String.join(", :", missing));
    }
    bound.clear();
  }

  /** A named parameter: its number among the names, and its JDBC indexes. */
  private record Param(int ordinal, int[] at) {}

  private record Parsed(String jdbcSql, Map<String, Param> indexes) {}

  /** Replaces {@code :name} with {@code ?}, outside quoted text and {@code ::} casts. */
  private static Parsed parse(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    Map<String, List<Integer>> positions = new HashMap<>();
    List<String> order = new ArrayList<>();
    int parameter = 0;
    int n = sql.length();
    for (int i = 0; i < n; i++) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int end = sql.indexOf(c, i + 1);
        end = end < 0 ? n - 1 : end;
        out.append(sql, i, end + 1);
        i = end;
      } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
        out.append("::");
        i++;
      } else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
        int end = i + 1;
        while (end < n && Character.isJavaIdentifierPart(sql.charAt(end))) {
          end++;
        }
        String name = sql.substring(i + 1, end);
        if (!positions.containsKey(name)) {
          order.add(name);
        }
        positions.computeIfAbsent(name, k -> new ArrayList<>()).add(++parameter);
        out.append('?');
        i = end - 1;
      } else if (c == '?') {
        throw new IllegalArgumentException("positional ? in a named statement: " + sql);
      } else {
        out.append(c);
      }
    }
    Map<String, Param> indexes = new HashMap<>();
    for (int ordinal = 0; ordinal < order.size(); ordinal++) {
      List<Integer> at = positions.get(order.get(ordinal));
      indexes.put(
          order.get(ordinal),
          new Param(ordinal, at.stream().mapToInt(Integer::intValue).toArray()));
    }
    return new Parsed(out.toString(), Map.copyOf(indexes));
  }
}
