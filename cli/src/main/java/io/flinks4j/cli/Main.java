package io.flinks4j.cli;

import io.flinks4j.cli.demo.DemoCommand;
import io.flinks4j.cli.fetch.FetchCommand;
import io.flinks4j.cli.fetch.RefreshCommand;
import io.flinks4j.cli.options.EnvironmentDefaults;
import io.flinks4j.cli.options.Secrets;
import io.flinks4j.cli.options.UsageException;
import io.flinks4j.cli.sandbox.SandboxCommand;
import io.flinks4j.cli.serve.ServeCommand;
import java.io.IOException;
import java.io.InputStream;
import io.flinks4j.sync.config.ConfigException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Entry point of the {@code flinks4j} runnable jar: one subcommand per job. */
@Command(
    name = "flinks4j",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Pull and keep fresh bank data through the Flinks API.",
    footer = {"", "Exit codes: 0 ok, 2 usage or configuration error, 3 MFA required, 4 poll timeout, "
        + "5 rejected by Flinks, 6 Flinks unreachable or unreadable after retries."})
public final class Main implements Callable<Integer> {
  private final Console console;

  @Spec
  private CommandSpec spec;

  private Main(Console console) {
    this.console = console;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line on the process's streams and returns its exit code (tests call this, not {@link #main}). */
  public static int run(String... args) {
    return run(Console.system(), args);
  }

  /** Runs the command line on {@code console} (captured streams, scripted stdin, own environment). */
  public static int run(Console console, String... args) {
    Map<String, String> env;
    try {
      // fetch and refresh read FLINKS_SECRET_KEY_FILE and the like as serve does.
      env = EnvironmentDefaults.withSecretFiles(console.env());
    } catch (ConfigException e) {
      console.err().println("flinks4j: " + e.getMessage());
      console.finished();
      return ExitCode.USAGE.code();
    }
    Secrets secrets = Secrets.from(args, env);
    CommandLine cmd = new CommandLine(new Main(console))
        .addSubcommand(new DemoCommand(console))
        .addSubcommand(new ServeCommand(console))
        .addSubcommand(new FetchCommand(console))
        .addSubcommand(new RefreshCommand(console))
        .addSubcommand(new SandboxCommand(console))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(new PrintWriter(console.out(), true))
        .setErr(new PrintWriter(console.err(), true))
        .setParameterExceptionHandler((e, arguments) -> usageError(e.getCommandLine(),
            secrets.scrub(e.getMessage()), e))
        .setExecutionExceptionHandler((e, commandLine, parseResult) -> switch (e) {
          case UsageException usage -> usageError(commandLine, secrets.scrub(usage.getMessage()), null);
          default -> internalError(commandLine, secrets.scrub(String.valueOf(e)));
        });
    cmd.setDefaultValueProvider(new EnvironmentDefaults(env));
    try {
      return cmd.execute(args);
    } finally {
      console.finished();
    }
  }

  private static int usageError(CommandLine cmd, String message, CommandLine.ParameterException parseError) {
    PrintWriter err = cmd.getErr();
    err.println(cmd.getCommandSpec().qualifiedName() + ": " + message);
    if (parseError != null) {
      CommandLine.UnmatchedArgumentException.printSuggestions(parseError, err);
    }
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCode.USAGE.code();
  }

  private static int internalError(CommandLine cmd, String description) {
    cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": internal error: " + description);
    cmd.getErr().flush();
    return ExitCode.INTERNAL_ERROR.code();
  }

  /** Without a subcommand there is nothing to do: show what there is. */
  @Override
  public Integer call() {
    spec.commandLine().usage(console.err());
    return ExitCode.USAGE.code();
  }

  /** The version the build wrote into {@code version.properties}, so {@code --version} always says the POM's. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {"flinks4j " + properties.getProperty("version", "(version unknown)")};
    }
  }
}
