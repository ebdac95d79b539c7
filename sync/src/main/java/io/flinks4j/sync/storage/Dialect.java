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
    throw new IllegalArgumentException("unsupported JDBC URL: expected jdbc:h2: or jdbc:postgresql:");
  }
}
