package io.flinks4j.bench.peer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code bench/run peer N}: N concurrent cached retrievals through our client (one JVM) and through
 * the npm package {@code @rizwannur/flinks} (one Node process), one side after the other against
 * one sandbox (a third JVM). For each side: wall time from the first retrieval started to the last
 * one done, CPU seconds of that process over the same span and including its start-up (utime +
 * stime from {@code /proc/<pid>/stat}), and peak RSS ({@code VmHWM}); the sandbox's request counts
 * per endpoint for each side show both did the same Flinks calls.
 *
 * <p>With an AOT cache path (JDK 25: JEP 483/514/515), our side's JVM is first trained on logins of
 * its own ({@code logins-training.txt}, not measured, {@code -XX:AOTCacheOutput}), then the
 * measured run starts with {@code -XX:AOTCache}.
 *
 * <p>Usage: {@code PeerBench <benchmarks.jar> <node_modules dir> <peer-side.mjs> <out dir> <N>
 * <poll ms> <processing ms> <our JVM options> [AOT cache path]}.
 */
public final class PeerBench {

  private PeerBench() {}

  /** One side's figures; cpu in clock ticks. */
  record Side(
      String name,
      long wallMs,
      int ok,
      long transactions,
      long startupTicks,
      long runTicks,
      long rssKb,
      Map<String, Long> calls,
      Map<String, Long> ticksByThread,
      Map<String, Long> threadsByName) {

    Side withCalls(Map<String, Long> value) {
      return new Side(
          name,
          wallMs,
          ok,
          transactions,
          startupTicks,
          runTicks,
          rssKb,
          value,
          ticksByThread,
          threadsByName);
    }
  }

  public static void main(String[] args) throws Exception {
    String jar = args[0];
    Path modules = Path.of(args[1]);
    Path script = Path.of(args[2]);
    Path out = Path.of(args[3]);
    int n = Integer.parseInt(args[4]);
    String pollMs = args[5];
    String processingMs = args[6];
    List<String> jvmOptions = List.of(args[7].trim().split("\\s+"));
    Path aotCache = args.length > 8 ? Path.of(args[8]) : null;
    String java = ProcessHandle.current().info().command().orElse("java");
    long ticksPerSecond =
        Long.parseLong(
            new String(
                    new ProcessBuilder("getconf", "CLK_TCK")
                        .start()
                        .getInputStream()
                        .readAllBytes(),
                    StandardCharsets.US_ASCII)
                .trim());
    Files.createDirectories(out);
    System.out.printf(
        Locale.ROOT,
        "== peer: %d concurrent cached retrievals per side, sandbox processing delay %s ms "
            + "(202 until then), poll interval %s ms, 3 accounts x ~100 transactions (90 days) per login ==%n",
        n,
        processingMs,
        pollMs);
    System.out.printf(
        Locale.ROOT,
        "ours: io.flinks4j.client.FlinksClient.retrieveAsync, JVM %s %s%n",
        java,
        String.join(" ", jvmOptions));
    System.out.printf(
        Locale.ROOT,
        "peer: @rizwannur/flinks %s getAccountDetails({loginId}), %s%n",
        peerVersion(modules),
        nodeVersion());

    Process sandbox =
        new ProcessBuilder(
                java,
                "-Xmx2g",
                "-cp",
                jar,
                PeerSandboxServer.class.getName(),
                out.toString(),
                String.valueOf(n),
                processingMs)
            .redirectError(out.resolve("sandbox.log").toFile())
            .start();
    try {
      Conversation server = new Conversation(sandbox);
      server.expect("READY");
      List<String> measuredOptions = jvmOptions;
      if (aotCache != null) {
        train(java, jvmOptions, aotCache, jar, out, pollMs);
        measuredOptions = concat(jvmOptions, List.of("-XX:AOTCache=" + aotCache));
      }
      Map<String, Long> start = server.counts();
      Side ours =
          measure(
              "ours",
              new ProcessBuilder(
                  concat(
                      List.of(java),
                      measuredOptions,
                      List.of("-cp", jar, OurSide.class.getName(), out.toString(), pollMs))),
              out);
      Map<String, Long> afterOurs = server.counts();
      Side peer =
          measure(
              "peer",
              new ProcessBuilder(
                  "node", script.toString(), modules.toString(), out.toString(), pollMs),
              out);
      Map<String, Long> afterPeer = server.counts();
      ours = ours.withCalls(difference(afterOurs, start));
      peer = peer.withCalls(difference(afterPeer, afterOurs));
      report(List.of(ours, peer), n, ticksPerSecond);
    } finally {
      sandbox.getOutputStream().close();
      sandbox.waitFor();
    }
  }

  /**
   * The AOT training run of our side: its own logins, the measured side's JVM options, the cache
   * written when that JVM exits. Not measured; its Flinks calls come before the counts of either
   * side.
   */
  private static void train(
      String java, List<String> jvmOptions, Path cache, String jar, Path out, String pollMs)
      throws IOException, InterruptedException {
    Files.deleteIfExists(cache);
    System.out.printf(
        Locale.ROOT,
        "ours: AOT training run first (%d logins of their own, not measured) -> %s%n",
        Files.readAllLines(out.resolve("logins-training.txt")).size(),
        cache);
    long started = System.nanoTime();
    Process training =
        new ProcessBuilder(
                concat(
                    List.of(java),
                    jvmOptions,
                    List.of(
                        "-XX:AOTCacheOutput=" + cache,
                        "-cp",
                        jar,
                        OurSide.class.getName(),
                        out.toString(),
                        pollMs,
                        "train")))
            .redirectErrorStream(true)
            .redirectOutput(out.resolve("ours-training.log").toFile())
            .start();
    if (training.waitFor() != 0 || !Files.isRegularFile(cache)) {
      throw new IllegalStateException(
          "AOT training run failed (exit " + training.exitValue() + ", see ours-training.log)");
    }
    System.out.printf(
        Locale.ROOT,
        "ours: AOT cache of %d MB written in %.1f s; the measured run uses -XX:AOTCache%n",
        Files.size(cache) >> 20,
        (System.nanoTime() - started) / 1e9);
  }

  private static Side measure(String name, ProcessBuilder command, Path out)
      throws IOException, InterruptedException {
    Process process = command.redirectError(out.resolve(name + ".log").toFile()).start();
    Conversation side = new Conversation(process);
    side.expect("READY");
    long startup = cpuTicks(process.pid());
    Map<String, Long> threadsBefore = threadTicks(process.pid());
    side.send("go");
    String done = side.expect("DONE");
    long end = cpuTicks(process.pid());
    Map<String, Long> byThread = difference(threadTicks(process.pid()), threadsBefore);
    Map<String, Long> threads = threadCounts(process.pid());
    long rssKb = peakRssKb(process.pid());
    System.out.printf(Locale.ROOT, "%s RSS at the end: %s%n", name, rssSplit(process.pid()));
    process.getOutputStream().close();
    process.waitFor();
    Map<String, String> fields = fields(done);
    return new Side(
        name,
        Long.parseLong(fields.get("wallMs")),
        Integer.parseInt(fields.get("ok")),
        Long.parseLong(fields.get("transactions")),
        startup,
        end - startup,
        rssKb,
        Map.of(),
        byThread,
        threads);
  }

  private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> result = new TreeMap<>();
    after.forEach((key, value) -> result.put(key, value - before.getOrDefault(key, 0L)));
    return result;
  }

  private static void report(List<Side> sides, int n, long ticksPerSecond) {
    System.out.printf(
        Locale.ROOT,
        "%-5s %9s %6s %12s %9s %12s %14s %10s  %s%n",
        "side",
        "wall s",
        "ok",
        "transactions",
        "CPU s",
        "CPU ms/ret",
        "CPU s startup",
        "peak RSS",
        "Flinks calls seen by the sandbox");
    for (Side side : sides) {
      System.out.printf(
          Locale.ROOT,
          "%-5s %9.2f %6d %12d %9.2f %12.3f %14.2f %7d MB  %s%n",
          side.name(),
          side.wallMs() / 1000.0,
          side.ok(),
          side.transactions(),
          side.runTicks() / (double) ticksPerSecond,
          side.runTicks() * 1000.0 / ticksPerSecond / n,
          side.startupTicks() / (double) ticksPerSecond,
          side.rssKb() / 1024,
          side.calls());
    }
    for (Side side : sides) {
      System.out.printf(
          Locale.ROOT,
          "%s CPU s by thread (threads still alive at the end, how many): %s; %d threads%n",
          side.name(),
          side.ticksByThread().entrySet().stream()
              .filter(e -> e.getValue() > 0)
              .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
              .limit(6)
              .map(e ->
                  String.format(
                      Locale.ROOT,
                      "%s %.2f (%d)",
                      e.getKey(),
                      e.getValue() / (double) ticksPerSecond,
                      side.threadsByName().getOrDefault(e.getKey(), 0L)))
              .collect(Collectors.joining(", ")),
          side.threadsByName().values().stream().mapToLong(Long::longValue).sum());
    }
    Side ours = sides.get(0);
    Side peer = sides.get(1);
    System.out.printf(
        Locale.ROOT,
        "same calls: %s Authorize and GetAccountsDetail on each side: %s (a token beyond N "
            + "is a retried /Authorize, which needs a fresh one); GetAccountsDetailAsync polls per retrieval: ours %.2f, "
            + "peer %.2f (a side polls less when its first call comes later after its /Authorize)%n",
        n,
        sameCalls(ours, n) && sameCalls(peer, n) ? "yes" : "NO",
        polls(ours, n),
        polls(peer, n));
    System.out.printf(
        Locale.ROOT,
        "ours/peer: CPU per retrieval %.2fx (goal <= 0.5x) %s; incl. start-up %.2fx; "
            + "wall %.2fx (goal <= 1x) %s; peak RSS %.2fx (goal <= 1x) %s%n",
        ratio(ours.runTicks(), peer.runTicks()),
        verdict(ratio(ours.runTicks(), peer.runTicks()) <= 0.5),
        ratio(ours.runTicks() + ours.startupTicks(), peer.runTicks() + peer.startupTicks()),
        ratio(ours.wallMs(), peer.wallMs()),
        verdict(ours.wallMs() <= peer.wallMs()),
        ratio(ours.rssKb(), peer.rssKb()),
        verdict(ours.rssKb() <= peer.rssKb()));
  }

  private static boolean sameCalls(Side side, int n) {
    return List.of("Authorize", "GetAccountsDetail").stream()
        .allMatch(endpoint -> side.calls().getOrDefault(endpoint, 0L) == n);
  }

  private static double polls(Side side, int n) {
    return side.calls().getOrDefault("GetAccountsDetailAsync", 0L) / (double) n;
  }

  private static double ratio(long a, long b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }

  private static String verdict(boolean met) {
    return met ? "met" : "MISSED";
  }

  /**
   * utime + stime of a live process, in clock ticks (fields 14 and 15; the name field may hold
   * spaces).
   */
  static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /**
   * utime + stime of each live thread, summed by thread name with digits dropped ("C2
   * CompilerThre#").
   */
  static Map<String, Long> threadTicks(long pid) throws IOException {
    Map<String, Long> ticks = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException gone) {
          continue; // the thread ended between the listing and the read
        }
        String name =
            stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "#");
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
      }
    }
    return ticks;
  }

  /** Live threads of a process by name, digits dropped as in {@link #threadTicks}. */
  static Map<String, Long> threadCounts(long pid) throws IOException {
    Map<String, Long> counts = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          counts.merge(
              stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "#"),
              1L,
              Long::sum);
        } catch (IOException gone) {
          // the thread ended between the listing and the read
        }
      }
    }
    return counts;
  }

  /**
   * Where the resident memory is, by kind: anonymous (heap, stacks, malloc) and file-backed
   * (binaries, shared libraries, mapped archives such as a CDS or AOT cache).
   */
  static String rssSplit(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
        .filter(line -> line.startsWith("RssAnon:") || line.startsWith("RssFile:"))
        .map(line ->
            line.substring(3, line.indexOf(':')).toLowerCase(Locale.ROOT)
                + " "
                + Long.parseLong(line.replaceAll("\\D", "")) / 1024
                + " MB")
        .collect(Collectors.joining(", "));
  }

  static long peakRssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IllegalStateException("no VmHWM for " + pid);
  }

  private static Map<String, String> fields(String line) {
    Map<String, String> fields = new TreeMap<>();
    for (String part : line.split(" ")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        fields.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return fields;
  }

  private static Map<String, Long> countsOf(String line) {
    Map<String, Long> counts = new TreeMap<>();
    fields(line).forEach((endpoint, count) -> counts.put(endpoint, Long.parseLong(count)));
    return counts;
  }

  private static String peerVersion(Path modules) throws IOException {
    String json = Files.readString(modules.resolve("@rizwannur/flinks/package.json"));
    return json.replaceAll("(?s).*?\"version\"\\s*:\\s*\"([^\"]+)\".*", "$1");
  }

  private static String nodeVersion() throws IOException {
    return "node "
        + new String(
                new ProcessBuilder("node", "--version").start().getInputStream().readAllBytes(),
                StandardCharsets.US_ASCII)
            .trim();
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
  }

  /** Line protocol with a child: what it prints on stdout, what we write to its stdin. */
  private static final class Conversation {
    private final Process process;
    private final BufferedReader lines;
    private final OutputStream in;

    Conversation(Process process) {
      this.process = process;
      this.lines =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.in = process.getOutputStream();
    }

    String expect(String prefix) throws IOException {
      for (String line; (line = lines.readLine()) != null; ) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      throw new IllegalStateException(
          "process "
              + process.pid()
              + " ended before printing "
              + prefix
              + " (see its log in the out dir)");
    }

    void send(String line) throws IOException {
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    }

    Map<String, Long> counts() throws IOException {
      send("counts");
      return countsOf(expect("COUNTS"));
    }
  }
}
