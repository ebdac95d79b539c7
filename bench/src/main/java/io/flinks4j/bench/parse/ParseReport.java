package io.flinks4j.bench.parse;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ParseBenchmark} and prints MB/s per payload size and the client's ratio against each
 * baseline, since JMH alone reports operations per second and the goal is stated in MB/s. Any JMH
 * option may be passed.
 */
public final class ParseReport {

  private ParseReport() {}

  public static void main(String[] args) throws Exception {
    Options options =
        new OptionsBuilder()
            .parent(new CommandLineOptions(args))
            .include(ParseBenchmark.class.getName() + "\\.")
            .addProfiler(ProcessCpuProfiler.class)
            .build();
    System.out.print(report(run(options)));
  }

  private static Collection<RunResult> run(Options options) throws RunnerException {
    return new Runner(options).run();
  }

  static String report(Collection<RunResult> results) {
    Map<Long, Map<String, RunResult>> bySize = new TreeMap<>();
    for (RunResult run : results) {
      long size = Long.parseLong(run.getParams().getParam("size"));
      String method = run.getParams().getBenchmark();
      method = method.substring(method.lastIndexOf('.') + 1);
      bySize.computeIfAbsent(size, s -> new TreeMap<>()).put(method, run);
    }
    StringBuilder out =
        new StringBuilder("\n== GetAccountsDetail parse throughput (MB = 10^6 bytes) ==\n");
    bySize.forEach((size, methods) -> {
      double megabytes = ParseBenchmark.payload(size).length / 1e6;
      out.append(String.format(Locale.ROOT, "payload %.2f MB%n", megabytes));
      methods.forEach((method, run) -> {
        Result<?> r = run.getPrimaryResult();
        out.append(
            String.format(
                Locale.ROOT,
                "  %-16s %8.1f MB/s wall (± %.1f)  %8.1f MB per CPU-second%n",
                method,
                r.getScore() * megabytes,
                r.getScoreError() * megabytes,
                megabytes / cpuSeconds(run)));
      });
      RunResult client = methods.get("clientModel");
      if (client != null) {
        ratio(out, client, methods.get("jacksonTokenPass"), "token pass", 0.85);
        ratio(out, client, methods.get("jacksonDatabind"), "databind", 1.5);
        ratio(out, client, methods.get("jacksonReadTree"), "readTree", 1.0);
      }
    });
    return out.toString();
  }

  private static void ratio(
      StringBuilder out, RunResult client, RunResult baseline, String name, double goal) {
    if (baseline == null) {
      return;
    }
    double ratio = client.getPrimaryResult().getScore() / baseline.getPrimaryResult().getScore();
    double cpuRatio = cpuSeconds(baseline) / cpuSeconds(client);
    out.append(
        String.format(
            Locale.ROOT,
            "  ratio clientModel / %-10s = %.2fx wall, %.2fx per CPU-second (goal >= %.2fx: %s)%n",
            name,
            ratio,
            cpuRatio,
            goal,
            ratio >= goal ? "met" : "NOT met"));
  }

  private static double cpuSeconds(RunResult run) {
    Result<?> cpu = run.getSecondaryResults().get("cpu.ms/op");
    return cpu == null ? Double.NaN : cpu.getScore() / 1000;
  }
}
