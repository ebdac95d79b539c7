package io.flinks4j.cli.fetch;

import io.flinks4j.cli.Console;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code flinks4j refresh}: {@code fetch --live}, the command people look for when data is stale.
 */
@Command(
    name = "refresh",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Refresh a login live at the bank (answering MFA questions), then retrieve its data; "
          + "the same as 'fetch --live'."
    })
public final class RefreshCommand implements Callable<Integer> {
  private final Console console;

  @Mixin FetchOptions options;

  public RefreshCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    return new Fetch(console, options, true, "refresh").run().code();
  }
}
