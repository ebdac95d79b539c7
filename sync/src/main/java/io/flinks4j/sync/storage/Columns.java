package io.flinks4j.sync.storage;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The columns a value of type {@code T} is stored in, each with the accessor that gives its value:
 * the one list from which the SQL column list, the {@code :name} parameters of a {@link
 * NamedStatement}, the binds, the read-back and the comparison with stored values all come, so a
 * column and its value cannot drift apart and adding a column is one line. Immutable, thread-safe.
 *
 * @param <T> the value mapped to the columns
 */
public final class Columns<T> {

  private enum Kind {
    TEXT,
    AMOUNT,
    OBJECT
  }

  private record Column<T>(String name, Kind kind, Class<?> type, Function<T, ?> value) {}

  private final List<Column<T>> columns;

  private Columns(List<Column<T>> columns) {
    this.columns = List.copyOf(columns);
  }

  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /** Collects the columns in SQL order. */
  public static final class Builder<T> {
    private final List<Column<T>> columns = new ArrayList<>();

    private Builder() {}

    /** A text column, stored as {@link Columns#storable}. */
    public Builder<T> text(String name, Function<T, String> value) {
      return add(new Column<>(name, Kind.TEXT, String.class, value));
    }

    /** A numeric column: compared by value ({@code 1.0} equals {@code 1.00}). */
    public Builder<T> amount(String name, Function<T, BigDecimal> value) {
      return add(new Column<>(name, Kind.AMOUNT, BigDecimal.class, value));
    }

    /** A column bound with {@code setObject} and read back as {@code type} (dates, times). */
    public <V> Builder<T> object(String name, Class<V> type, Function<T, V> value) {
      return add(new Column<>(name, Kind.OBJECT, type, value));
    }

    private Builder<T> add(Column<T> column) {
      for (Column<T> c : columns) {
        if (c.name().equals(column.name())) {
          throw new IllegalArgumentException("column " + column.name() + " mapped twice");
        }
      }
      columns.add(column);
      return this;
    }

    public Columns<T> build() {
      return new Columns<>(columns);
    }
  }

  /** The column names: {@code a, b, c}. */
  public String names() {
    return columns.stream().map(Column::name).collect(Collectors.joining(", "));
  }

  /** The column names qualified by a table alias: {@code t.a, t.b, t.c}. */
  public String names(String alias) {
    return columns.stream().map(c -> alias + "." + c.name()).collect(Collectors.joining(", "));
  }

  /** The named parameters, one per column: {@code :a, :b, :c}. */
  public String params() {
    return columns.stream().map(c -> ":" + c.name()).collect(Collectors.joining(", "));
  }

  /** The assignments of an update: {@code a = :a, b = :b, c = :c}. */
  public String assignments() {
    return columns.stream()
        .map(c -> c.name() + " = :" + c.name())
        .collect(Collectors.joining(", "));
  }

  /** The column names in order. */
  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  /** Binds each column's value of {@code value} to the parameter named like the column. */
  void bind(NamedStatement statement, T value) throws SQLException {
    for (Column<T> column : columns) {
      set(statement, column, column.value().apply(value));
    }
  }

  /** Binds stored values (as from {@link #read}) to the parameters named like the columns. */
  public void bindStored(NamedStatement statement, Stored stored) throws SQLException {
    for (int i = 0; i < columns.size(); i++) {
      set(statement, columns.get(i), stored.values[i]);
    }
  }

  private static void set(NamedStatement statement, Column<?> column, Object v)
      throws SQLException {
    switch (column.kind()) {
      case TEXT -> statement.setText(column.name(), (String) v);
      case AMOUNT -> statement.setAmount(column.name(), (BigDecimal) v);
      case OBJECT -> statement.setObject(column.name(), v);
    }
  }

  /** The values of {@code value} as they would be stored, in column order. */
  public Stored values(T value) {
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      Column<T> column = columns.get(i);
      Object v = column.value().apply(value);
      values[i] = column.kind() == Kind.TEXT ? storable((String) v) : v;
    }
    return new Stored(values);
  }

  /**
   * Each column's value of {@code value} as canonical text, for digests: text as stored, amounts
   * without trailing zeros ({@code ""} when missing), others (and missing text) as {@code
   * String.valueOf}.
   */
  public List<String> texts(T value) {
    List<String> texts = new ArrayList<>(columns.size());
    for (Column<T> column : columns) {
      Object v = column.value().apply(value);
      texts.add(
          switch (column.kind()) {
            case TEXT -> String.valueOf(storable((String) v));
            case AMOUNT -> v == null ? "" : ((BigDecimal) v).stripTrailingZeros().toPlainString();
            case OBJECT -> String.valueOf(v);
          });
    }
    return texts;
  }

  /** The columns' values in the current row, read by column label. */
  public Stored read(ResultSet rows) throws SQLException {
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      Column<T> column = columns.get(i);
      values[i] =
          switch (column.kind()) {
            case TEXT -> rows.getString(column.name());
            case AMOUNT -> rows.getBigDecimal(column.name());
            case OBJECT -> rows.getObject(column.name(), column.type());
          };
    }
    return new Stored(values);
  }

  /**
   * Whether {@code value} holds what is stored: text as it would be stored, amounts by numeric
   * value.
   */
  public boolean same(Stored stored, T value) {
    for (int i = 0; i < columns.size(); i++) {
      Column<T> column = columns.get(i);
      Object v = column.value().apply(value);
      Object s = stored.values[i];
      boolean same =
          switch (column.kind()) {
            case TEXT -> Objects.equals(s, storable((String) v));
            case AMOUNT -> sameAmount((BigDecimal) s, (BigDecimal) v);
            case OBJECT -> Objects.equals(s, v);
          };
      if (!same) {
        return false;
      }
    }
    return true;
  }

  /**
   * Values of the columns, in column order, as stored or as they would be stored. Equal when every
   * value is equal (amounts by numeric value).
   */
  public static final class Stored {
    private final Object[] values;

    private Stored(Object[] values) {
      this.values = values;
    }

    /** These values, with {@code fallback}'s where this has none (null). */
    public Stored over(Stored fallback) {
      Object[] merged = values.clone();
      for (int i = 0; i < merged.length; i++) {
        if (merged[i] == null) {
          merged[i] = fallback.values[i];
        }
      }
      return new Stored(merged);
    }

    /** The values in column order (text as stored, amounts as given). */
    public List<Object> asList() {
      return Arrays.asList(values.clone());
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Stored other) || other.values.length != values.length) {
        return false;
      }
      for (int i = 0; i < values.length; i++) {
        if (values[i] instanceof BigDecimal a && other.values[i] instanceof BigDecimal b) {
          if (a.compareTo(b) != 0) {
            return false;
          }
        } else if (!Objects.equals(values[i], other.values[i])) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      int h = 1;
      for (Object v : values) {
        h =
            31 * h
                + (v instanceof BigDecimal d
                    ? d.stripTrailingZeros().hashCode()
                    : Objects.hashCode(v));
      }
      return h;
    }

    @Override
    public String toString() {
      return Arrays.toString(values);
    }
  }

  static boolean sameAmount(BigDecimal a, BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }

  /**
   * Bank text as it is stored: as it came, but for NUL. PostgreSQL refuses NUL in text columns, and
   * one NUL in a description would otherwise make the whole payload impossible to store; it becomes
   * U+FFFD, as for any undecodable byte.
   */
  public static String storable(String value) {
    boolean clean = value == null || value.indexOf('\u0000') < 0;
    return clean ? value : value.replace('\u0000', '\uFFFD');
  }
}
