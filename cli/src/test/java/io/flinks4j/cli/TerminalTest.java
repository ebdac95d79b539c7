package io.flinks4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code flinks4j fetch} and {@code refresh} in a real pseudo-terminal ({@code script(1)} from
 * util-linux), as a person runs it: the JVM sees a terminal, so the progress line and the MFA
 * prompts are the real ones, not a test switch.
 */
@Tag("process")
class TerminalTest {

  private static final Path SCRIPT = Path.of("/usr/bin/script");
  private static final Pattern PROMPT = Pattern.compile("Security question[^:]*: ([^\\r\\n?]*\\?)");

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  @Test
  void the_progress_line_counts_down_to_the_next_poll_every_second(FlinksSandbox sandbox)
      throws Exception {
    String loginId =
        sandbox
            .createLogin(
                LoginSpec.named("tty-" + UUID.randomUUID())
                    .withProcessingDelay(Duration.ofSeconds(2)))
            .loginId();

    try (Terminal terminal = Terminal.run(fetch(sandbox, loginId, "--poll-interval", "4s"))) {
      assertThat(terminal.awaitExit()).as(terminal.screen()).isZero();

      assertThat(terminal.screen())
          .contains("next poll in 3s", "next poll in 2s", "next poll in 1s")
          .contains("OPERATION_PENDING");
    }
  }

  @Test
  void a_wrong_answer_typed_at_the_prompt_is_asked_again_and_the_right_one_gets_the_data(
      FlinksSandbox sandbox) throws Exception {
    String loginId = sandbox.login("Greatday").loginId();

    List<String> refresh = fetch(sandbox, loginId, "--poll-interval", "100ms");
    refresh.set(0, "refresh"); // a live refresh: the bank asks its security questions
    try (Terminal terminal = Terminal.run(refresh)) {
      List<String> asked = new ArrayList<>();
      while (!terminal.exited()) {
        int seen = asked.size();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> terminal.prompts().size() > seen || terminal.exited());
        if (terminal.exited()) {
          break;
        }
        String prompt = terminal.prompts().get(seen);
        boolean firstCity =
            prompt.contains("city") && asked.stream().noneMatch(p -> p.contains("city"));
        asked.add(prompt);
        terminal.type(firstCity ? "Toronto" : answerTo(prompt));
      }

      assertThat(terminal.awaitExit()).as(terminal.screen()).isZero();
      assertThat(asked.stream().filter(p -> p.contains("city")).count())
          .as(terminal.screen())
          .isEqualTo(2);
      assertThat(terminal.screen()).contains("INVALID_SECURITY_RESPONSE").contains("accounts");
    }
  }

  private static String answerTo(String prompt) {
    return prompt.contains("city")
        ? "Montreal"
        : prompt.contains("country") ? "Canada" : "Triangle";
  }

  private static List<String> fetch(FlinksSandbox sandbox, String loginId, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "fetch",
                "--base-url",
                sandbox.baseUrl(),
                "--customer-id",
                sandbox.customerId(),
                "--secret-key",
                sandbox.secretKey(),
                "--api-key",
                sandbox.apiKey(),
                "--login-id",
                loginId));
    args.addAll(List.of(more));
    return args;
  }

  /**
   * The CLI in a child JVM on a pseudo-terminal; what it draws is kept, and lines can be typed into
   * it.
   */
  private static final class Terminal implements AutoCloseable {
    private final Process process;
    private final Path typescript;
    private final StringBuffer screen = new StringBuffer();

    private Terminal(Process process, Path typescript) {
      this.process = process;
      this.typescript = typescript;
      Thread.ofVirtual()
          .start(() -> {
            try (InputStream in = process.getInputStream()) {
              byte[] buffer = new byte[4096];
              for (int n; (n = in.read(buffer)) > 0; ) {
                screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
              }
            } catch (IOException e) {
              // the process ended
            }
          });
    }

    static Terminal run(List<String> cliArgs) throws IOException {
      assertThat(SCRIPT)
          .as("util-linux script(1) runs the CLI on a pseudo-terminal")
          .isExecutable();
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> command =
          new ArrayList<>(
              List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
      command.addAll(cliArgs);
      String line = command.stream().map(Terminal::quoted).collect(Collectors.joining(" "));
      Path log = Files.createTempFile("flinks4j-tty-", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(SCRIPT.toString(), "-qefc", line, log.toString())
              .redirectErrorStream(true);
      builder.environment().put("TERM", "xterm");
      builder.environment().put("COLUMNS", "120");
      return new Terminal(builder.start(), log);
    }

    private static String quoted(String word) {
      return "'" + word.replace("'", "'\\''") + "'";
    }

    String screen() {
      return screen.toString();
    }

    /** The security questions shown so far, in order. */
    List<String> prompts() {
      List<String> prompts = new ArrayList<>();
      Matcher m = PROMPT.matcher(screen);
      while (m.find()) {
        prompts.add(m.group(1));
      }
      return prompts;
    }

    void type(String text) throws IOException {
      OutputStream in = process.getOutputStream();
      in.write((text + "\r").getBytes(StandardCharsets.UTF_8));
      in.flush();
    }

    boolean exited() {
      return !process.isAlive();
    }

    int awaitExit() throws InterruptedException {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("still running:\n" + screen());
      }
      return process.exitValue();
    }

    @Override
    public void close() throws IOException {
      process.destroyForcibly();
      Files.deleteIfExists(typescript);
    }
  }
}
