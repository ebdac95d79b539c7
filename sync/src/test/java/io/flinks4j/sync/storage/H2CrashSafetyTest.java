package io.flinks4j.sync.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sync.ServiceProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a process writing to an H2 file, at quiet and at busy moments, after H2's retention
 * time has passed (so freed space is being reused): every commit that had returned must be there
 * after reopening.
 *
 * <p>The same scenario runs under H2's defaults, where it must lose acknowledged rows (so this test
 * can fail), and under {@link DatabaseConfig}'s settings, where it must lose none. H2's retention
 * time is shortened from 45 s to 1 s on the URL so that space reuse starts within the test. Under
 * the defaults the busy kills lose the commits of the last write delay, and a quiet run often loses
 * all its rows: its chunks went into reused space and the header names the chunk before them (see
 * {@link DatabaseConfig#H2_DURABILITY}).
 */
@org.junit.jupiter.api.Tag("process")
class H2CrashSafetyTest {

  /** H2 frees a dead chunk's space for reuse after this long; 45 s by default. */
  private static final String SHORT_RETENTION = ";RETENTION_TIME=1000";

  /**
   * What {@code DatabaseConfig} gave an H2 file before {@link DatabaseConfig#H2_DURABILITY}: H2's
   * defaults.
   */
  private static final String H2_DEFAULTS = ";WRITE_DELAY=500;REUSE_SPACE=TRUE";

  @Test
  void under_h2_defaults_a_kill_loses_acknowledged_commits(@TempDir Path dir) {
    String url =
        "jdbc:h2:file:"
            + dir.resolve("defaults").toAbsolutePath()
            + DatabaseConfig.H2_COMPATIBILITY
            + H2_DEFAULTS
            + SHORT_RETENTION;

    Outcome outcome = killRepeatedly(url, "defaults");

    // The damage shows as lost rows, or as a file H2 can no longer write to (a writer that spins
    // for ever on it).
    assertThat(!outcome.lost().isEmpty() || outcome.stuck())
        .as("acknowledged rows lost, or the file unusable, under H2's defaults")
        .isTrue();
  }

  @Test
  void under_the_durability_settings_every_acknowledged_commit_survives_the_kills(
      @TempDir Path dir) {
    String url = DatabaseConfig.h2File(dir).effectiveUrl() + SHORT_RETENTION;

    Outcome outcome = killRepeatedly(url, "durable");

    assertThat(outcome.stuck()).as("a writer stuck on the file").isFalse();
    assertThat(outcome.acknowledged()).hasSizeGreaterThan(1_000);
    assertThat(outcome.lost()).as("acknowledged rows lost").isEmpty();
  }

  @Test
  void opening_compacts_the_append_only_file(@TempDir Path dir) throws IOException {
    DatabaseConfig config = DatabaseConfig.h2File(dir);
    try (Database database = Database.open(config)) {
      database.inTransaction(
          c -> c.createStatement().execute("create table filler (id int primary key)"));
      for (int i = 0; i < 500; i++) {
        int id = i;
        database.inTransaction(c ->
            c.createStatement().executeUpdate("merge into filler key (id) values (" + id + ")"));
      }
    }
    Path file = dir.resolve("flinks4j.mv.db");
    long grown = Files.size(file);

    try (Database database = Database.open(config)) {
      assertThat(Files.size(file)).isLessThan(grown / 2);
      long rows = database.inTransaction(c -> count(c, "select count(*) from filler"));
      assertThat(rows).isEqualTo(500);
    }
  }

  /**
   * Four runs of a writer on one file, each ended by SIGKILL: two while it is idle but for a
   * trickle of small commits (after more than the retention time of writing), two in the middle of
   * a stream of commits.
   */
  private static Outcome killRepeatedly(String url, String name) {
    List<Long> acknowledged = new ArrayList<>();
    try {
      runWriters(url, name, acknowledged);
    } catch (WriterStuckException e) {
      System.out.printf(
          "H2 kill -9 scenario %s: a writer stuck on the reopened file (%s)%n",
          name, e.getMessage());
      return new Outcome(acknowledged, List.of(), true);
    }
    Set<Long> present = new HashSet<>();
    try (Connection connection = DriverManager.getConnection(url);
        ResultSet rows = connection.createStatement().executeQuery("select id from acked")) {
      while (rows.next()) {
        present.add(rows.getLong(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reopen " + url, e);
    }
    Outcome outcome =
        new Outcome(
            acknowledged,
            acknowledged.stream().filter(id -> !present.contains(id)).toList(),
            false);
    System.out.printf(
        "H2 kill -9 scenario %s: %d rows acknowledged, %d lost; lost by run (1, 3 quiet; 2, 4 busy): %s%n",
        name,
        acknowledged.size(),
        outcome.lost().size(),
        outcome.lost().stream()
            .collect(
                Collectors.groupingBy(id -> id / 1_000_000, TreeMap::new, Collectors.counting())));
    return outcome;
  }

  private static void runWriters(String url, String name, List<Long> acknowledged) {
    try (Writer writer = Writer.start(url, 1_000_000, name + "-1")) {
      acknowledged.addAll(writer.write(200));
      writer.idle(1_200);
      acknowledged.addAll(writer.write(200));
      writer.idle(1_200);
      acknowledged.addAll(writer.write(5));
      writer.idle(1_000);
    }
    try (Writer writer = Writer.start(url, 2_000_000, name + "-2")) {
      acknowledged.addAll(writer.acksOfEndlessWriting(300));
    }
    try (Writer writer = Writer.start(url, 3_000_000, name + "-3")) {
      acknowledged.addAll(writer.write(5));
      writer.idle(1_500);
    }
    try (Writer writer = Writer.start(url, 4_000_000, name + "-4")) {
      acknowledged.addAll(writer.acksOfEndlessWriting(300));
    }
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /**
   * @param stuck a writer printed nothing for {@link Writer#SILENCE}: H2 spins on a damaged file
   */
  private record Outcome(List<Long> acknowledged, List<Long> lost, boolean stuck) {}

  private static final class WriterStuckException extends IllegalStateException {
    WriterStuckException(String message) {
      super(message);
    }
  }

  /** An {@link H2CrashWriter} JVM, driven over its stdin and stdout; closing it is SIGKILL. */
  private static final class Writer implements AutoCloseable {

    private final Process process;

    /** Longer than any step of a healthy writer takes, however loaded the machine. */
    static final Duration SILENCE = Duration.ofSeconds(90);

    private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    private final PrintWriter in;
    private final Path log;

    private Writer(Process process, Path log) {
      this.process = process;
      this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
      this.log = log;
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      Thread.ofPlatform()
          .daemon()
          .name("h2-writer-output")
          .start(() -> {
            try {
              for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(Optional.of(line));
              }
            } catch (IOException e) {
              // the process is gone: the end below says so
            }
            lines.add(Optional.empty());
          });
    }

    static Writer start(String url, long firstId, String name) {
      String classpath =
          System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      String java = ProcessHandle.current().info().command().orElse("java");
      Path log = ServiceProcess.logFile("h2-crash-" + name);
      ProcessBuilder builder =
          new ProcessBuilder(
                  java,
                  "-Xmx128m",
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+UseSerialGC",
                  "-cp",
                  classpath,
                  H2CrashWriter.class.getName(),
                  url,
                  String.valueOf(firstId))
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
      try {
        Writer writer = new Writer(builder.start(), log);
        writer.expect("ready");
        return writer;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Writes {@code rows} rows; returns their ids, each printed by the writer after its commit
     * returned.
     */
    List<Long> write(int rows) {
      in.println("write " + rows);
      List<Long> acks = new ArrayList<>();
      for (String line = line(); !line.equals("wrote"); line = line()) {
        acks.add(ack(line));
      }
      return acks;
    }

    /**
     * Lets the writer idle {@code millis}, touching a row every 100 ms, as the service's scheduler
     * does.
     */
    void idle(long millis) {
      in.println("idle " + millis + " 100");
      expect("idled");
    }

    /**
     * Starts writing without end and returns once {@code count} rows are acknowledged, still
     * writing.
     */
    List<Long> acksOfEndlessWriting(int count) {
      in.println("write " + Integer.MAX_VALUE);
      List<Long> acks = new ArrayList<>();
      while (acks.size() < count) {
        acks.add(ack(line()));
      }
      return acks;
    }

    private void expect(String prefix) {
      String line = line();
      assertThat(line).as("writer output (log: %s)", log).startsWith(prefix);
    }

    private long ack(String line) {
      assertThat(line).as("writer output (log: %s)", log).startsWith("ack ");
      return Long.parseLong(line.substring("ack ".length()));
    }

    private String line() {
      Optional<String> line;
      try {
        line = lines.poll(SILENCE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the writer", e);
      }
      if (line == null) {
        throw new WriterStuckException(
            "nothing printed for " + SILENCE.toSeconds() + " s; see " + log);
      }
      return line.orElseThrow(() -> new IllegalStateException("writer exited; see " + log));
    }

    /** SIGKILL: no shutdown hook runs and H2 does not close the file. */
    @Override
    public void close() {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
