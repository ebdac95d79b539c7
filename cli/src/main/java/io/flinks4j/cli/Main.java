package io.flinks4j.cli;

import io.flinks4j.cli.demo.DemoCommand;
import io.flinks4j.cli.fetch.FetchCommand;
import io.flinks4j.cli.fetch.RefreshCommand;
import io.flinks4j.cli.options.EnvironmentDefaults;
import io.flinks4j.cli.options.Secrets;
import io.flinks4j.cli.options.UsageException;
import io.flinks4j.cli.rotate.RotateKeyCommand;
import io.flinks4j.cli.sandbox.SandboxCommand;
import io.flinks4j.cli.serve.ServeCommand;
import io.flinks4j.sync.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    description = "Pull and keep fresh bank data through the Flinks API.")
public final class Main implements Callable<Integer> {
  // Picocli refuses narrower help (and would ignore the setting).
  private static final int MIN_HELP_WIDTH = 55;
  private final Console console;

  @Spec private CommandSpec spec;

  private Main(Console console) {
    this.console = console;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command line on the process's streams and returns its exit code (tests call this, not
   * {@link #main}).
   */
  public static int run(String... args) {
    return run(Console.system(), args);
  }

  /**
   * Runs the command line on {@code console} (captured streams, scripted stdin, own environment).
   */
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
    CommandLine cmd =
        new CommandLine(new Main(console))
            .addSubcommand("help", new CommandLine.HelpCommand())
            .addSubcommand(new DemoCommand(console))
            .addSubcommand(new ServeCommand(console))
            .addSubcommand(new FetchCommand(console))
            .addSubcommand(new RefreshCommand(console))
            .addSubcommand(new SandboxCommand(console))
            .addSubcommand(new RotateKeyCommand(console))
            .addSubcommand(new CompletionCommand(console))
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setOut(new PrintWriter(console.out(), true))
            .setErr(new PrintWriter(console.err(), true))
            .setParameterExceptionHandler(
                (e, arguments) -> usageError(e.getCommandLine(), secrets.scrub(e.getMessage()), e))
            .setExecutionExceptionHandler((e, commandLine, parseResult) ->
                switch (e) {
                  case UsageException usage ->
                      usageError(commandLine, secrets.scrub(usage.getMessage()), null);
                  default -> internalError(commandLine, secrets.scrub(String.valueOf(e)));
                });
    cmd.setDefaultValueProvider(new EnvironmentDefaults(env));
    documentExitCodes(cmd);
    fitHelpToTerminal(cmd, console);
    try {
      return cmd.execute(args);
    } finally {
      console.finished();
    }
  }

  // Which codes each command can end with; the help footers are generated from ExitCode, never
  // typed twice.
  static List<ExitCode> exitCodesOf(String command) {
    return switch (command) {
      case "fetch", "refresh", "flinks4j" -> List.of(ExitCode.values());
      case "demo" ->
          List.of(ExitCode.OK, ExitCode.INTERNAL_ERROR, ExitCode.USAGE, ExitCode.TIMEOUT);
      default -> List.of(ExitCode.OK, ExitCode.INTERNAL_ERROR, ExitCode.USAGE);
    };
  }

  private static void documentExitCodes(CommandLine cmd) {
    cmd.getCommandSpec().usageMessage().footer(ExitCode.footer(exitCodesOf(cmd.getCommandName())));
    cmd.getSubcommands()
        .values()
        .forEach(sub -> {
          if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
            sub.getCommandSpec()
                .usageMessage()
                .footer(ExitCode.footer(exitCodesOf(sub.getCommandName())));
          }
        });
  }

  // COLUMNS when the shell exports it, else picocli's terminal probe on a real terminal, else
  // picocli's 80.
  private static void fitHelpToTerminal(CommandLine cmd, Console console) {
    Optional<Integer> columns = console.env("COLUMNS").flatMap(Main::parseColumns);
    if (columns.isPresent()) {
      cmd.setUsageHelpWidth(Math.max(MIN_HELP_WIDTH, columns.get()));
    } else if (console.isSystemTerminal()) {
      cmd.setUsageHelpAutoWidth(true);
    }
  }

  private static Optional<Integer> parseColumns(String text) {
    try {
      return Optional.of(Integer.parseInt(text.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static int usageError(
      CommandLine cmd, String message, CommandLine.ParameterException parseError) {
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

  /**
   * The version the build wrote into {@code version.properties}, so {@code --version} always says
   * the POM's.
   */
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
