package io.flinks4j.sync.storage;

import io.flinks4j.sync.config.SyncConfig;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the database is and how to pool connections to it.
 *
 * @param url JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql:...})
 * @param user user, when not part of the URL
 * @param password password, when not part of the URL; never printed
 * @param poolSize maximum pooled connections
 * @param schema schema to create, migrate and use; empty = the connection's default
 */
public record DatabaseConfig(
    String url,
    Optional<String> user,
    Optional<String> password,
    int poolSize,
    Optional<String> schema) {

  /**
   * H2 settings that let one set of migrations and SQL run on H2 and PostgreSQL alike, plus a
   * parsed-statement cache large enough for the service's working set of statements (H2's default
   * keeps 8).
   */
  static final String H2_COMPATIBILITY =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=128";

  /**
   * H2 file settings that make a commit survive kill -9 once it has returned, added to embedded
   * file URLs that do not set them. {@code WRITE_DELAY=0} writes the commit's chunk before the
   * commit returns (H2's default of 500 ms acknowledges commits that are not in the file yet).
   * {@code REUSE_SPACE=FALSE} only appends chunks: in H2 2.5.252, when a chunk is written into
   * reused space (freed after the 45 s retention time), the file header is rewritten to name the
   * previous chunk, whose next-chunk link does not lead to the new one, so an unclean open stops
   * there and silently drops every later chunk. The file then grows with every commit; {@link
   * Database#open} compacts it. {@code H2CrashSafetyTest} kills a writer under the defaults (and
   * loses acknowledged rows) and under these (and loses none).
   */
  static final String H2_DURABILITY = ";WRITE_DELAY=0;REUSE_SPACE=FALSE";

  public DatabaseConfig {
    Dialect.of(url);
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be positive");
    }
    if (schema.isPresent() && !schema.get().matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("schema must be a lower-case SQL identifier");
    }
  }

  /**
   * The database the configuration names: {@code FLINKS4J_DB_URL}, or an H2 file {@code flinks4j}
   * in the data folder.
   */
  public static DatabaseConfig from(SyncConfig config) {
    String url = config.databaseUrl().orElseGet(() -> h2FileUrl(config.dataDir()));
    return new DatabaseConfig(
        url,
        config.databaseUser(),
        config.databasePassword(),
        config.databasePoolSize(),
        Optional.empty());
  }

  /** An embedded H2 database stored as {@code flinks4j.mv.db} in {@code folder}. */
  public static DatabaseConfig h2File(Path folder) {
    return new DatabaseConfig(
        h2FileUrl(folder), Optional.empty(), Optional.empty(), 10, Optional.empty());
  }

  /** The same database, using (and creating) {@code schema}; tests isolate themselves with this. */
  public DatabaseConfig withSchema(String schema) {
    return new DatabaseConfig(url, user, password, poolSize, Optional.of(schema));
  }

  /** The same database with another pool size. */
  public DatabaseConfig withPoolSize(int size) {
    return new DatabaseConfig(url, user, password, size, schema);
  }

  public Dialect dialect() {
    return Dialect.of(url);
  }

  /**
   * The URL given to the driver: H2 gets PostgreSQL compatibility settings unless the URL chose a
   * mode, and an embedded H2 file gets each {@link #H2_DURABILITY} setting the URL does not set
   * itself.
   */
  String effectiveUrl() {
    return switch (dialect()) {
      case H2 -> {
        String upper = url.toUpperCase(Locale.ROOT);
        StringBuilder effective = new StringBuilder(url);
        if (!upper.contains(";MODE=")) {
          effective.append(H2_COMPATIBILITY);
        }
        if (isH2File()) {
          for (String setting : H2_DURABILITY.substring(1).split(";")) {
            if (!upper.contains(";" + setting.substring(0, setting.indexOf('=') + 1))) {
              effective.append(';').append(setting);
            }
          }
        }
        yield effective.toString();
      }
      case POSTGRESQL -> url;
    };
  }

  /** True for an embedded H2 database in a file (not in memory, not reached over TCP). */
  boolean isH2File() {
    if (dialect() != Dialect.H2) {
      return false;
    }
    String rest = url.substring("jdbc:h2:".length()).toLowerCase(Locale.ROOT);
    return Stream.of("mem:", "tcp:", "ssl:", "zip:", "memfs:", "niomemfs:")
        .noneMatch(rest::startsWith);
  }

  /**
   * The path H2 stores an embedded file database under (H2 adds {@code .mv.db} and the like), if it
   * is one.
   */
  Optional<Path> h2FilePath() {
    if (!isH2File()) {
      return Optional.empty();
    }
    String rest = url.substring("jdbc:h2:".length());
    rest = rest.regionMatches(true, 0, "file:", 0, 5) ? rest.substring(5) : rest;
    int settings = rest.indexOf(';');
    rest = settings < 0 ? rest : rest.substring(0, settings);
    return Optional.of(
        rest.startsWith("~")
            ? Path.of(System.getProperty("user.home") + rest.substring(1))
            : Path.of(rest));
  }

  private static String h2FileUrl(Path folder) {
    return "jdbc:h2:file:" + folder.toAbsolutePath().normalize().resolve("flinks4j");
  }

  /** The URL without its query (which may hold a password), for messages. */
  String displayUrl() {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?...";
  }

  @Override
  public String toString() {
    return "DatabaseConfig[url="
        + displayUrl()
        + ", poolSize="
        + poolSize
        + schema.map(s -> ", schema=" + s).orElse("")
        + "]";
  }
}
