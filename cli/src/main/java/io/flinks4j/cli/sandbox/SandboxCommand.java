package io.flinks4j.cli.sandbox;

import io.flinks4j.cli.Console;
import io.flinks4j.cli.options.Durations;
import io.flinks4j.cli.options.UsageException;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.Requirement;
import io.flinks4j.sandbox.SandboxLogin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flinks4j sandbox}: runs the Flinks emulator in the foreground, for trying clients by hand.
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Start a local Flinks sandbox (the Flinks API, Flinks Connect and a control API under /sandbox/), "
            + "print its URL, credentials and test logins, and run until Ctrl-C.")
public final class SandboxCommand implements Callable<Integer> {
  private static final int DEFAULT_PORT = 8089;

  private final Console console;

  @Option(
      names = "--port",
      defaultValue = "8089",
      description = "TCP port; 0 picks a free one (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Interface to listen on; 0.0.0.0 for other hosts (default ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--processing-delay",
      paramLabel = "DURATION",
      defaultValue = "3s",
      converter = Durations.class,
      description =
          "Time from /Authorize until data is ready; 202 before that (default ${DEFAULT-VALUE}).")
  Duration processingDelay;

  @Option(
      names = "--webhook-url",
      paramLabel = "URL",
      description = "Deliver a signed webhook here when an aggregation completes; repeatable.")
  List<String> webhookUrls = new ArrayList<>();

  @Option(
      names = "--webhook-kyc-first",
      description = "Send the KYC webhook before the GetAccountsDetail one.")
  boolean webhookKycFirst;

  @Option(
      names = "--webhook-deliver-twice",
      description = "Deliver every webhook twice, to test deduplication.")
  boolean webhookDeliverTwice;

  @Option(
      names = "--authorize-token",
      paramLabel = "required|optional",
      defaultValue = "required",
      description =
          "Whether /Authorize needs an authorize token; optional emulates instances older than "
              + "October 2024 (default ${DEFAULT-VALUE}).")
  Requirement authorizeToken;

  @Option(
      names = "--api-key",
      paramLabel = "required|optional",
      defaultValue = "required",
      description = "Whether data endpoints need x-api-key (default ${DEFAULT-VALUE}).")
  Requirement apiKey;

  @Option(
      names = "--env",
      description =
          "Print only the export lines for the sandbox at --host/--port and exit, "
              + "for another shell: eval \"$(flinks4j sandbox --env)\" (the sandbox itself runs elsewhere).")
  boolean envOnly;

  public SandboxCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (envOnly) {
      if (port == 0) {
        throw new UsageException(
            "--env needs a fixed --port (with 0 the port is known only once the sandbox runs)");
      }
      console.out().print(SandboxEnvironment.of(displayHost(host), port).exports());
      console.out().flush();
      return 0;
    }
    FlinksSandbox.Builder builder =
        FlinksSandbox.builder()
            .port(port)
            .host(host)
            .processingDelay(processingDelay)
            .webhookKycFirst(webhookKycFirst)
            .webhookDeliverTwice(webhookDeliverTwice)
            .authorizeToken(authorizeToken)
            .apiKeyRequirement(apiKey);
    webhookUrls.forEach(builder::webhookUrl);
    try (FlinksSandbox sandbox = start(builder)) {
      console.out().print(banner(sandbox));
      console
          .out()
          .println(
              "Processing delay " + Durations.format(processingDelay) + ". Press Ctrl-C to stop.");
      console.out().flush();
      console.awaitStop();
      console.err().println("flinks4j sandbox: stopping");
    }
    return 0;
  }

  // Our own banner rather than FlinksSandbox.banner(): that one shows the API path under the base
  // URL, which is not
  // what --base-url takes (the client appends /v3/{customerId}/BankingServices/ itself).
  private String banner(FlinksSandbox sandbox) {
    String base = sandbox.baseUrl();
    StringBuilder sb = new StringBuilder();
    sb.append("Flinks sandbox listening on ").append(base).append('\n');
    sb.append("  --base-url    ").append(base).append("   (what fetch, refresh and serve take)\n");
    sb.append("  Flinks API    ")
        .append(sandbox.apiUrl())
        .append("/   (for curl; fetch adds this path to --base-url)\n");
    sb.append("  Connect       ").append(sandbox.connectUrl()).append('\n');
    sb.append("  control API   ").append(base).append("/sandbox/\n");
    sb.append("  test logins (institution FlinksCapital, password ")
        .append(LoginSpec.DEFAULT_PASSWORD)
        .append("):\n");
    for (SandboxLogin login : sandbox.logins()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "    %-26s %s  %s%n",
              login.username(),
              login.loginId(),
              login.mfa() ? "MFA " + login.mfaType().wireName() : login.behaviour().name()));
    }
    String again =
        "flinks4j sandbox --env"
            + ("127.0.0.1".equals(displayHost(host)) ? "" : " --host " + displayHost(host))
            + (sandbox.port() == DEFAULT_PORT ? "" : " --port " + sandbox.port());
    sb.append('\n')
        .append(
            "# Settings for fetch/refresh/serve: paste these, or in another shell run: eval \"$(")
        .append(again)
        .append(")\"\n");
    sb.append(
        new SandboxEnvironment(
                base,
                sandbox.customerId(),
                sandbox.secretKey(),
                sandbox.apiKey(),
                sandbox.login(SandboxEnvironment.DEFAULT_LOGIN).loginId(),
                sandbox.webhookKey())
            .exports());
    sb.append('\n');
    return sb.toString();
  }

  // The sandbox's own rule: 0.0.0.0 listens everywhere, 127.0.0.1 reaches it from here.
  private static String displayHost(String host) {
    return "0.0.0.0".equals(host) ? "127.0.0.1" : host;
  }

  private FlinksSandbox start(FlinksSandbox.Builder builder) {
    try {
      return builder.start();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    } catch (RuntimeException e) {
      throw new UsageException(
          "cannot listen on "
              + host
              + ":"
              + port
              + " ("
              + rootMessage(e)
              + "); pick another --port");
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
