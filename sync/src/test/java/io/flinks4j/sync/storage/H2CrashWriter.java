package io.flinks4j.sync.storage;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * A child JVM that {@link H2CrashSafetyTest} kills with SIGKILL: it opens an H2 file as the service
 * does ({@link Database#open}), writes to it on command and prints {@code ack <id>} only after the
 * row's commit returned, as the service answers 201 only after its commit.
 *
 * <p>Arguments: the JDBC URL, and the first row id (the test's, so an id lost in a crash is never
 * reused).
 *
 * <p>Commands on stdin, one a line: {@code write <n>} inserts n rows, one transaction each, and
 * also updates a small set of rows (as the service's scheduler and retrievals do), then prints
 * {@code wrote}; {@code idle <ms>} keeps the connection open without writing for that long, then
 * prints {@code idled}.
 */
final class H2CrashWriter {

  private H2CrashWriter() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    try (Database database =
            Database.open(
                new DatabaseConfig(url, Optional.empty(), Optional.empty(), 2, Optional.empty()));
        Connection connection = database.dataSource().getConnection();
        BufferedReader commands =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "create table if not exists acked (id bigint primary key, payload varchar(2000))");
        statement.execute("create table if not exists busy (id int primary key, counter bigint)");
        statement.execute(
            "create table if not exists churn (id bigint primary key, payload varchar(20000))");
        for (int i = 0; i <= 16; i++) {
          statement.execute("merge into busy key (id) values (" + i + ", 0)");
        }
      }
      long next =
          Long.parseLong(args[1]); // ids are the parent's, so a lost id is never written again
      System.out.println("ready " + next);
      System.out.flush();
      String payload = "x".repeat(600);
      try (PreparedStatement insert =
              connection.prepareStatement("insert into acked (id, payload) values (?, ?)");
          PreparedStatement touch =
              connection.prepareStatement("update busy set counter = counter + 1 where id = ?");
          PreparedStatement churnIn =
              connection.prepareStatement("merge into churn key (id) values (?, ?)");
          PreparedStatement churnOut =
              connection.prepareStatement("delete from churn where id = ?")) {
        java.util.Random random = new java.util.Random(next);
        String line;
        while ((line = commands.readLine()) != null) {
          String[] command = line.split(" ");
          switch (command[0]) {
            case "write" -> {
              int n = Integer.parseInt(command[1]);
              for (int i = 0; i < n; i++) {
                long id = next++;
                insert.setLong(1, id);
                insert.setString(2, payload + id);
                insert.executeUpdate(); // auto-commit: the row is committed when this returns
                touch.setInt(1, (int) (id % 16));
                touch.executeUpdate();
                churnIn.setLong(1, id);
                churnIn.setString(2, "c".repeat(100 + random.nextInt(3000)));
                churnIn.executeUpdate();
                churnOut.setLong(1, id - 50);
                churnOut.executeUpdate();
                System.out.println("ack " + id);
              }
              System.out.println("wrote");
            }
            case "idle" -> {
              // the workload's quiet period, not a test's wait: like the service's scheduler, it
              // keeps touching a
              // row every tick, so small commits keep coming
              long until = System.nanoTime() + Long.parseLong(command[1]) * 1_000_000;
              long tick = command.length > 2 ? Long.parseLong(command[2]) : 0;
              while (System.nanoTime() < until) {
                Thread.sleep(
                    tick > 0 ? tick : Math.max(1, (until - System.nanoTime()) / 1_000_000));
                if (tick > 0) {
                  touch.setInt(1, 16);
                  touch.executeUpdate();
                }
              }
              System.out.println("idled");
            }
            default -> throw new IllegalArgumentException(line);
          }
          System.out.flush();
        }
      }
    } catch (SQLException e) {
      e.printStackTrace();
      System.exit(2);
    }
  }
}
