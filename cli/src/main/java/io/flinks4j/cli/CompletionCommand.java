package io.flinks4j.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flinks4j completion bash|zsh}: a completion script generated from the commands themselves.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a shell completion script for flinks4j.",
      "bash: source <(flinks4j completion bash)   (or save it under /etc/bash_completion.d/)",
      "zsh:  source <(flinks4j completion zsh)    (uses zsh's bashcompinit)"
    })
final class CompletionCommand implements Callable<Integer> {
  /** The shells the generated script supports. */
  enum Shell {
    BASH,
    ZSH
  }

  private final Console console;

  /** Lower case, as people type them, for the completion of this very argument. */
  static final class ShellNames extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    ShellNames() {
      super(java.util.List.of("bash", "zsh"));
    }
  }

  @Parameters(
      paramLabel = "bash|zsh",
      completionCandidates = ShellNames.class,
      description =
          "The shell to complete in (the script is the same; zsh runs it through bashcompinit).")
  Shell shell;

  @Spec CommandSpec spec;

  CompletionCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    // Picocli writes one script for both: under zsh it loads compinit and bashcompinit itself.
    console.out().print(AutoComplete.bash("flinks4j", spec.root().commandLine()));
    console.out().flush();
    return ExitCode.OK.code();
  }
}
