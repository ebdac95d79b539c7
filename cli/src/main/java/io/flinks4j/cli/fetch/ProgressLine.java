package io.flinks4j.cli.fetch;

import io.flinks4j.cli.Console;
import io.flinks4j.cli.options.Durations;
import io.flinks4j.client.PollAttempt;
import io.flinks4j.client.PollListener;
import java.io.PrintStream;

/**
 * Shows on one self-overwriting stderr line how long Flinks has been processing, how many calls were made and the
 * last state; silent when nobody watches (no terminal), so logs and pipes stay clean.
 */
final class ProgressLine implements PollListener {
  private final PrintStream err;
  private final boolean enabled;
  private boolean open;
  private int width;

  ProgressLine(Console console) {
    this.err = console.err();
    this.enabled = console.isInteractive();
  }

  @Override
  public synchronized void onAttempt(PollAttempt attempt) {
    if (!enabled) {
      return;
    }
    String line = "Waiting for Flinks: " + Durations.format(attempt.elapsed()) + " elapsed, attempt "
        + attempt.number() + ", " + attempt.status();
    err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
    width = line.length();
    open = true;
    if (attempt.httpStatus() == 200) {
      end();
    }
    err.flush();
  }

  /** Ends the line, so the next message starts on its own. */
  synchronized void end() {
    if (open) {
      err.println();
      open = false;
      width = 0;
    }
  }
}
