package io.flinks4j.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs the command line in-process with captured streams, a scripted stdin and its own environment.
 */
final class Cli {
  private Cli() {}

  /** What one run produced. */
  record Result(int exitCode, byte[] stdout, String err) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Everything printed, stdout then stderr. */
    String all() {
      return out() + err;
    }
  }

  static Result run(String... args) {
    return run(Map.of(), "", false, args);
  }

  static Result run(Map<String, String> env, String... args) {
    return run(env, "", false, args);
  }

  static Result run(Map<String, String> env, String stdin, boolean interactive, String... args) {
    Streams streams = new Streams(env, stdin, interactive);
    int code = Main.run(streams.console, args);
    return streams.result(code);
  }

  /** Captured streams around one console, for commands a test runs on another thread. */
  static final class Streams {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Console console;

    Streams(Map<String, String> env, String stdin, boolean interactive) {
      console =
          Console.of(
              new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              env,
              interactive);
    }

    synchronized String outText() {
      return out.toString(StandardCharsets.UTF_8);
    }

    Result result(int code) {
      return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }
  }
}
