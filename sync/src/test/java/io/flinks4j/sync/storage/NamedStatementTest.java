package io.flinks4j.sync.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class NamedStatementTest {

  record Pair(String a, String b) {}

  private static final Columns<Pair> PAIR =
      Columns.<Pair>builder().text("a", Pair::a).text("b", Pair::b).build();

  @Test
  void named_parameters_become_markers_outside_quotes_and_casts() {
    assertThat(
            NamedStatement.jdbcSql(
                "select ':not', x::text from t where a = :a and b = :b or c = :a"))
        .isEqualTo("select ':not', x::text from t where a = ? and b = ? or c = ?");
  }

  @Test
  void columns_give_the_column_list_the_parameters_and_the_assignments() {
    assertThat(PAIR.names()).isEqualTo("a, b");
    assertThat(PAIR.names("t")).isEqualTo("t.a, t.b");
    assertThat(PAIR.params()).isEqualTo(":a, :b");
    assertThat(PAIR.assignments()).isEqualTo("a = :a, b = :b");
  }

  @Test
  void values_are_bound_by_column_name_whatever_the_sql_order() throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:")) {
      connection.createStatement().execute("create table t (b varchar(10), a varchar(10), n int)");
      try (NamedStatement insert =
          NamedStatement.prepare(connection, "insert into t (b, n, a) values (:b, :n, :a)")) {
        insert.bind(PAIR, new Pair("first", "second")).setInt("n", 1);
        insert.addBatch();
        insert.bind(PAIR, new Pair("x\u0000", "y")).setInt("n", 2);
        insert.addBatch();
        insert.executeBatch();
      }
      try (ResultSet rows =
          connection.createStatement().executeQuery("select * from t order by n")) {
        rows.next();
        assertThat(PAIR.read(rows)).isEqualTo(PAIR.values(new Pair("first", "second")));
        rows.next();
        assertThat(rows.getString("a")).isEqualTo("x\uFFFD");
      }
    }
  }

  @Test
  void a_parameter_left_unbound_fails_before_the_row_is_sent() throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:")) {
      connection.createStatement().execute("create table t (a varchar(10), n int)");
      try (NamedStatement insert =
          NamedStatement.prepare(connection, "insert into t (a, n) values (:a, :n)")) {
        insert.setText("a", "one").setInt("n", 1);
        insert.addBatch();
        insert.setText("a", "two");
        assertThatThrownBy(insert::addBatch)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(":n");
        assertThatThrownBy(() -> insert.setInt("m", 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(":m");
      }
    }
  }
}
