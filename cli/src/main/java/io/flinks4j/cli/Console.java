package io.flinks4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The streams, environment and terminal status a command sees, injectable so tests run commands
 * in-process with captured output, a scripted stdin and their own environment. Long-running
 * commands ({@code sandbox}, {@code serve}) block in {@link #awaitStop()} until Ctrl-C, or until a
 * test calls {@link #requestStop()}.
 */
public final class Console {
  private static final long SHUTDOWN_GRACE_SECONDS = 15;

  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;
  private final Map<String, String> env;
  private final boolean interactive;
  private final boolean system;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private BufferedReader reader;

  private Console(
      InputStream in,
      PrintStream out,
      PrintStream err,
      Map<String, String> env,
      boolean interactive,
      boolean system) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.env = Map.copyOf(env);
    this.interactive = interactive;
    this.system = system;
  }

  /** The process's own streams and environment; interactive when the JVM has a terminal. */
  public static Console system() {
    return new Console(System.in, System.out, System.err, System.getenv(), hasTerminal(), true);
  }

  /**
   * Explicit streams and environment (tests).
   *
   * @param interactive whether to behave as on a terminal: prompt for MFA answers on {@code in},
   *     show progress on {@code err}
   */
  public static Console of(
      InputStream in,
      PrintStream out,
      PrintStream err,
      Map<String, String> env,
      boolean interactive) {
    return new Console(in, out, err, env, interactive, false);
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  /** The environment the command reads its defaults from. */
  public Map<String, String> env() {
    return env;
  }

  /** One environment variable, absent when unset or blank. */
  public Optional<String> env(String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }

  /** Whether a person is at the keyboard: prompts and progress lines make sense. */
  public boolean isInteractive() {
    return interactive;
  }

  /** Whether this is the process's own terminal (not test streams): worth probing for its width. */
  public boolean isSystemTerminal() {
    return system && interactive;
  }

  /**
   * Reads one line typed by the user.
   *
   * @return the line, or empty at end of input
   */
  public synchronized Optional<String> readLine() {
    if (reader == null) {
      reader = new BufferedReader(new InputStreamReader(in, inputCharset()));
    }
    try {
      return Optional.ofNullable(reader.readLine());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read standard input", e);
    }
  }

  /**
   * Blocks until the user stops the process (Ctrl-C, SIGTERM) or {@link #requestStop()} is called;
   * the caller then closes what it started. On a real process the JVM waits (a few seconds at most)
   * for {@link Main} to finish.
   */
  public void awaitStop() throws InterruptedException {
    if (system) {
      Runtime.getRuntime()
          .addShutdownHook(
              Thread.ofPlatform()
                  .name("flinks4j-stop")
                  .unstarted(() -> {
                    stopRequested.countDown();
                    try {
                      finished.await(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }));
    }
    stopRequested.await();
  }

  /** Ends {@link #awaitStop()} as Ctrl-C would. */
  public void requestStop() {
    stopRequested.countDown();
  }

  /** Called by {@link Main} once the command returned, so a pending shutdown can complete. */
  void finished() {
    out.flush();
    err.flush();
    finished.countDown();
  }

  private static Charset inputCharset() {
    java.io.Console console = System.console();
    return console != null ? console.charset() : StandardCharsets.UTF_8;
  }

  // System.console() exists whenever stdin and stdout are terminals; from JDK 22 on it can exist
  // without one, and
  // isTerminal() (absent from the Java 21 API we compile against) tells the difference.
  private static boolean hasTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
