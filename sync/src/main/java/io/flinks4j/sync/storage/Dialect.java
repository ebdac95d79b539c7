package io.flinks4j.sync.storage;

/** The two databases the service runs on; the few SQL differences between them switch on this. */
public enum Dialect {
  H2,
  POSTGRESQL;

  /** The dialect of a JDBC URL. @throws IllegalArgumentException for any other database */
  public static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "unsupported JDBC URL: expected jdbc:h2: or jdbc:postgresql:");
  }

  /**
   * The dialect of a connection's {@code DatabaseMetaData.getDatabaseProductName()}.
   *
   * @throws IllegalArgumentException for any other database
   */
  public static Dialect ofProduct(String productName) {
    return switch (productName) {
      case "H2" -> H2;
      case "PostgreSQL" -> POSTGRESQL;
      default ->
          throw new IllegalArgumentException(
              "unsupported database " + productName + ": flinks4j runs on H2 and PostgreSQL");
    };
  }
}
