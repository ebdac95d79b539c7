package io.flinks4j.cli.fetch;

import io.flinks4j.cli.Console;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flinks4j fetch}: reads a login's data through the documented Flinks flow and prints it.
 */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Retrieve a login's accounts and transactions from Flinks: authorize token, /Authorize, "
          + "/GetAccountsDetail, then poll /GetAccountsDetailAsync until 200."
    })
public final class FetchCommand implements Callable<Integer> {
  private final Console console;

  @Mixin FetchOptions options;

  @Option(
      names = "--live",
      description =
          "Refresh live at the bank first (may ask MFA questions), "
              + "instead of reading the last aggregated data.")
  boolean live;

  public FetchCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    return new Fetch(console, options, live, "fetch").run().code();
  }
}
