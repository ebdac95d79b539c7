package io.flinks4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code flinks4j} runnable jar: one subcommand per job. */
@Command(
    name = "flinks4j",
    mixinStandardHelpOptions = true,
    version = "flinks4j 0.1.0",
    description = "Pull and keep fresh bank data through the Flinks API.")
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
