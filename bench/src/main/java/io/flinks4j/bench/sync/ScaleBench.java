package io.flinks4j.bench.sync;

import io.flinks4j.client.AuthorizeRequest;
import io.flinks4j.client.AuthorizeResult;
import io.flinks4j.client.DetailOptions;
import io.flinks4j.client.FlinksClient;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.RecordedRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ten thousand retrievals in flight at once in one sync instance ({@link SyncNode}, its own JVM,
 * {@code -Xmx512m}) against a sandbox that answers 202 for a while before the data: do all
 * complete, how late are the polls against their schedule, and what heap and threads does the
 * instance need.
 *
 * <p>Lateness is read where the polls arrive: the sandbox records every call, and for each session
 * the gap between two consecutive data calls minus the poll interval is that poll's lateness (it
 * includes the previous call's response time, which the engine waits for before scheduling the next
 * poll).
 *
 * <p>Memory per retrieval in flight is the heap left after a full collection (asked of the instance
 * through its standard input) with every retrieval in flight, less the same idle before the first
 * registration, divided by the retrievals in flight. CPU per poll is the instance's process CPU
 * (utime + stime) over the span where it only polls (from one second after the last registration
 * until the first retrieval is ready, or one second before the processing delay ends) divided by
 * the polls it counted ({@code flinks4j_polls_total}) in that span; its baseline is the CPU of one
 * bare {@code java.net.http} GET of the same pending {@code GetAccountsDetailAsync} (202) in a JVM
 * of its own ({@link BarePoll}), run against the same sandbox after the run.
 *
 * <p>Usage: {@code ScaleBench <jar> [retrievals] [pollInterval seconds] [processing delay seconds]
 * [h2|pg] [heap of the instance, -Xmx, default 512m]}.
 */
public final class ScaleBench {

  private static final Pattern GAUGE =
      Pattern.compile(
          "^flinks4j_retrievals\\{state=\"([a-z_]+)\"[^}]*}\\s+([0-9.eE+-]+)", Pattern.MULTILINE);
  private static final Pattern REQUEST_ID =
      Pattern.compile("\"RequestId\"\\s*:\\s*\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
  private static final Pattern POLLS =
      Pattern.compile("^flinks4j_polls_total(?:\\{[^}]*})?\\s+([0-9.eE+-]+)", Pattern.MULTILINE);
  private static final String API_KEY = "bench-scale-key-0123456789abcdef";

  private ScaleBench() {}

  public static void main(String[] args) throws Exception {
    String jar = args[0];
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Duration pollInterval = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 10);
    Duration processing = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 60);
    String db = args.length > 4 ? args[4] : "h2";
    String heap = args.length > 5 ? args[5] : "512m";

    try (FlinksSandbox sandbox = FlinksSandbox.builder().processingDelay(processing).start()) {
      List<String> loginIds = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        loginIds.add(
            sandbox
                .createLogin(
                    LoginSpec.named("scale_" + i)
                        .withAccounts(1)
                        .withTransactionsPerYear(40)
                        .withSeed(i))
                .loginId());
      }
      Path dataDir = Files.createTempDirectory("flinks4j-bench-scale");
      Map<String, String> env =
          new HashMap<>(
              Map.of(
                  "FLINKS_BASE_URL",
                  sandbox.baseUrl(),
                  "FLINKS_CUSTOMER_ID",
                  sandbox.customerId(),
                  "FLINKS_SECRET_KEY",
                  sandbox.secretKey(),
                  "FLINKS_API_KEY",
                  sandbox.apiKey(),
                  "FLINKS4J_API_KEYS",
                  API_KEY,
                  "FLINKS4J_PORT",
                  "0",
                  "FLINKS4J_HOST",
                  "127.0.0.1",
                  "FLINKS4J_DATA_DIR",
                  dataDir.toString(),
                  "FLINKS4J_POLL_INTERVAL",
                  pollInterval.toSeconds() + "s",
                  "FLINKS4J_RATE_LIMIT",
                  "0"));
      env.put("FLINKS4J_CACHED_REFRESH", "0s");
      env.put("FLINKS4J_LIVE_REFRESH", "0s");
      env.put("FLINKS4J_SWEEP_INTERVAL", "2s");
      String schema = null;
      if (db.equals("pg")) {
        schema = PgSchemas.create();
        env.put("FLINKS4J_DB_URL", PgSchemas.url(schema));
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        env.put("FLINKS4J_ENCRYPTION_KEY", java.util.Base64.getEncoder().encodeToString(key));
      }
      Node node = Node.start(jar, env, heap);
      try {
        run(sandbox, node, loginIds, pollInterval, processing, db, heap);
        barePoll(sandbox, jar, heap, processing);
      } finally {
        node.stop();
        if (schema != null) {
          PgSchemas.drop(schema);
        }
        SweepBench.deleteTree(dataDir);
      }
    }
  }

  private static void run(
      FlinksSandbox sandbox,
      Node node,
      List<String> loginIds,
      Duration pollInterval,
      Duration processing,
      String db,
      String heap)
      throws Exception {
    int count = loginIds.size();
    HttpClient http =
        HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    URI base = URI.create("http://127.0.0.1:" + node.port);
    Journal journal = new Journal(sandbox);
    Thread collector = Thread.ofPlatform().daemon().start(journal::collectUntilInterrupted);

    long idleHeap = node.liveHeap();
    Instant started = Instant.now();
    Semaphore inFlight = new Semaphore(32);
    AtomicInteger refused = new AtomicInteger();
    List<CompletableFuture<Void>> calls = new ArrayList<>(count);
    for (String loginId : loginIds) {
      inFlight.acquire();
      HttpRequest post =
          HttpRequest.newBuilder(base.resolve("/v1/logins"))
              .header("Authorization", "Bearer " + API_KEY)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"loginId\":\"" + loginId + "\"}"))
              .build();
      calls.add(
          http.sendAsync(post, HttpResponse.BodyHandlers.discarding())
              .handle((response, error) -> {
                if (error != null || response.statusCode() != 201) {
                  refused.incrementAndGet();
                }
                inFlight.release();
                return null;
              }));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    Duration registering = Duration.between(started, Instant.now());
    System.out.printf(
        Locale.ROOT,
        "registered %,d logins in %.1f s (%d refused)%n",
        count,
        registering.toMillis() / 1000.0,
        refused.get());

    Map<String, Long> states = Map.of();
    long peakActive = 0;
    Instant deadline = Instant.now().plus(processing).plus(Duration.ofMinutes(10));
    // The span where the instance only polls: after the registrations, before the first data.
    Thread.sleep(1000);
    Instant pollingEnds = started.plus(processing).minusSeconds(1);
    Sample pollingFrom = Instant.now().isBefore(pollingEnds) ? node.sample(http, base) : null;
    Sample pollingTo = null;
    long inFlightHeap = -1;
    long inFlightAtHeap = 0;
    while (Instant.now().isBefore(deadline)) {
      Sample sample = node.sample(http, base);
      states = sample.states();
      long active =
          states.getOrDefault("requested", 0L)
              + states.getOrDefault("authorizing", 0L)
              + states.getOrDefault("processing", 0L);
      peakActive = Math.max(peakActive, active);
      long terminal =
          states.getOrDefault("ready", 0L)
              + states.getOrDefault("failed", 0L)
              + states.getOrDefault("timed_out", 0L);
      if (inFlightHeap < 0) {
        if (terminal == 0 && Instant.now().isBefore(pollingEnds)) {
          pollingTo = sample;
        } else {
          // the polling span is over: the heap with (nearly) every retrieval in flight
          inFlightAtHeap = active;
          inFlightHeap = node.liveHeap();
        }
      }
      if (terminal >= count || (active == 0 && terminal > 0)) {
        break; // every registered login's retrieval has ended (refused registrations never start
        // one)
      }
      Thread.sleep(1000);
    }
    Duration total = Duration.between(started, Instant.now());
    collector.interrupt();
    collector.join();
    journal.collectOnce();

    Lateness lateness = journal.lateness(pollInterval, Instant.MIN);
    Lateness settled = journal.lateness(pollInterval, started.plus(registering));
    String stats = node.lastStats.get();
    System.out.printf(
        Locale.ROOT,
        "== scale: %,d retrievals, one sync instance (-Xmx%s, %s), poll interval %d s,"
            + " sandbox processing %d s ==%n",
        count,
        heap,
        db.equals("pg") ? "PostgreSQL" : "H2",
        pollInterval.toSeconds(),
        processing.toSeconds());
    System.out.printf(
        Locale.ROOT,
        "  completed: %,d ready, %,d failed, %,d timed out (all complete: %s) in %.1f s;"
            + " peak in flight %,d%n",
        states.getOrDefault("ready", 0L),
        states.getOrDefault("failed", 0L),
        states.getOrDefault("timed_out", 0L),
        states.getOrDefault("ready", 0L) == count ? "yes" : "NO",
        total.toMillis() / 1000.0,
        peakActive);
    System.out.printf(
        Locale.ROOT,
        "  polls: %,d data calls seen by the sandbox (%.1f per retrieval), %,d gaps%s%n",
        lateness.calls,
        (double) lateness.calls / count,
        lateness.gaps.size(),
        journal.possiblyLost ? " (journal overflowed between two reads: some polls unseen)" : "");
    System.out.printf(
        Locale.ROOT,
        "  poll lateness vs schedule: p50 %d ms, p99 %d ms, max %d ms (goal p99 <= 1000 ms: %s)%n",
        lateness.percentile(50),
        lateness.percentile(99),
        lateness.percentile(100),
        lateness.percentile(99) <= 1000 ? "met" : "NOT met");
    System.out.printf(
        Locale.ROOT,
        "    of which polls after the last registration: p50 %d ms, p99 %d ms (%,d gaps)%n",
        settled.percentile(50),
        settled.percentile(99),
        settled.gaps.size());
    System.out.printf(
        Locale.ROOT, "  sync instance: %s%n", stats == null ? "no stats" : stats.substring(6));
    if (inFlightHeap >= 0 && inFlightAtHeap > 0) {
      System.out.printf(
          Locale.ROOT,
          "  memory: live heap (after a full GC) %.1f MB idle, %.1f MB with %,d retrievals in flight:"
              + " %.1f KB per retrieval in flight%n",
          idleHeap / 1e6,
          inFlightHeap / 1e6,
          inFlightAtHeap,
          (inFlightHeap - idleHeap) / 1e3 / inFlightAtHeap);
    } else {
      System.out.println("  memory: no sample with retrievals in flight");
    }
    if (pollingFrom != null && pollingTo != null && pollingTo.polls() > pollingFrom.polls()) {
      double seconds = Duration.between(pollingFrom.at(), pollingTo.at()).toMillis() / 1000.0;
      double polls = pollingTo.polls() - pollingFrom.polls();
      enginePollCpuMicros = (pollingTo.cpuNanos() - pollingFrom.cpuNanos()) / 1e3 / polls;
      System.out.printf(
          Locale.ROOT,
          "  CPU per poll: %.0f us of the sync instance's CPU per poll (%,.0f polls in %.1f s of polling"
              + " alone, %.0f/s)%n",
          enginePollCpuMicros,
          polls,
          seconds,
          polls / seconds);
    } else {
      System.out.println(
          "  CPU per poll: no span of polling alone (registrations outlasted the processing delay)");
    }
    templatePoll = journal.lastPoll();
  }

  /** CPU per poll of the instance over its polling span, in microseconds; 0 when unmeasured. */
  private static double enginePollCpuMicros;

  /** One poll the instance made, whose path and headers the bare GET copies. */
  private static RecordedRequest templatePoll;

  /**
   * The baseline of CPU per poll: a fresh session at the same sandbox (still 202 for the processing
   * delay), polled by {@link BarePoll} in a JVM of its own with the instance's headers.
   */
  private static void barePoll(FlinksSandbox sandbox, String jar, String heap, Duration processing)
      throws Exception {
    if (templatePoll == null) {
      System.out.println("  bare GET: no poll of the instance to copy");
      return;
    }
    String loginId =
        sandbox
            .createLogin(LoginSpec.named("scale_bare").withAccounts(1).withTransactionsPerYear(40))
            .loginId();
    String requestId;
    try (FlinksClient client =
        FlinksClient.builder()
            .baseUrl(sandbox.baseUrl())
            .customerId(sandbox.customerId())
            .secretKey(sandbox.secretKey())
            .apiKey(sandbox.apiKey())
            .build()) {
      requestId =
          ((AuthorizeResult.Authorized) client.authorize().open(AuthorizeRequest.cached(loginId)))
              .requestId();
      client.accounts().detail(requestId, DetailOptions.defaults());
    }
    String path = templatePoll.path();
    URI url =
        URI.create(sandbox.baseUrl())
            .resolve(path.substring(0, path.lastIndexOf('/') + 1) + requestId);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("-cp");
    command.add(jar);
    command.add(BarePoll.class.getName());
    command.add(url.toString());
    int gets = (int) Math.min(20_000, Math.max(2_000, processing.toSeconds() * 150));
    command.add(Integer.toString(gets));
    command.add("32");
    templatePoll
        .headers()
        .forEach((name, value) -> {
          if (!Set.of("host", "content-length", "connection", "upgrade", "http2-settings", "expect")
              .contains(name)) {
            command.add(name + "=" + value);
          }
        });
    Process bare = new ProcessBuilder(command).redirectErrorStream(true).start();
    String result = null;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(bare.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("bare ")) {
          result = line;
        } else {
          System.err.println("bare: " + line);
        }
      }
    }
    bare.waitFor();
    Matcher m =
        Pattern.compile("cpuMicrosPerGet=([0-9.]+) .*gets=([0-9]+) non202=([0-9]+)")
            .matcher(result == null ? "" : result);
    if (!m.find()) {
      System.out.println("  bare GET: no result");
      return;
    }
    double bareMicros = Double.parseDouble(m.group(1));
    System.out.printf(
        Locale.ROOT,
        "  bare java.net.http GET of the same 202 (own JVM -Xmx%s, %s GETs after as many to warm up,"
            + " 32 at a time%s): %.0f us CPU per GET; engine CPU per poll %s%n",
        heap,
        m.group(2),
        m.group(3).equals("0") ? "" : ", " + m.group(3) + " not 202",
        bareMicros,
        enginePollCpuMicros > 0
            ? String.format(
                Locale.ROOT,
                "%.2fx of it (goal <= 3x: %s)",
                enginePollCpuMicros / bareMicros,
                enginePollCpuMicros / bareMicros <= 3 ? "met" : "NOT met")
            : "not measured");
  }

  /** What the instance's {@code /metrics} said, with its process CPU time, at one instant. */
  private record Sample(Instant at, Map<String, Long> states, double polls, long cpuNanos) {}

  /**
   * Every data call the sandbox journal saw, read often enough that its ring never wraps unseen.
   */
  private static final class Journal {
    private final FlinksSandbox sandbox;
    private final Set<RecordedRequest> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<RecordedRequest> data = new ArrayList<>();
    private RecordedRequest newestSeen;
    private boolean possiblyLost;

    Journal(FlinksSandbox sandbox) {
      this.sandbox = sandbox;
    }

    void collectUntilInterrupted() {
      while (!Thread.currentThread().isInterrupted()) {
        collectOnce();
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    synchronized void collectOnce() {
      List<RecordedRequest> snapshot = sandbox.requests();
      // The ring is full and no longer holds the newest request read last time: some in between
      // were dropped.
      // (Arrival times cannot tell: concurrent requests are recorded slightly out of time order.)
      RecordedRequest previous = newestSeen;
      if (previous != null
          && snapshot.size() >= 10_000
          && snapshot.stream().noneMatch(r -> r == previous)) {
        possiblyLost = true;
      }
      for (RecordedRequest r : snapshot) {
        if (seen.add(r)) {
          if (r.endpoint().equals("GetAccountsDetail")
              || r.endpoint().equals("GetAccountsDetailAsync")) {
            data.add(r);
          }
          newestSeen = r;
        }
      }
      // Only identity matters for deduplication; forget what can no longer be in the ring.
      if (seen.size() > 40_000) {
        Set<RecordedRequest> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        keep.addAll(snapshot);
        seen.retainAll(keep);
      }
    }

    /**
     * @param from only gaps whose first call came at or after this instant
     */
    /** The newest poll seen, or null. */
    synchronized RecordedRequest lastPoll() {
      for (int i = data.size() - 1; i >= 0; i--) {
        if (data.get(i).endpoint().equals("GetAccountsDetailAsync")) {
          return data.get(i);
        }
      }
      return null;
    }

    synchronized Lateness lateness(Duration interval, Instant from) {
      Map<String, List<Instant>> bySession = new HashMap<>();
      for (RecordedRequest r : data) {
        String requestId;
        if (r.endpoint().equals("GetAccountsDetailAsync")) {
          requestId = r.path().substring(r.path().lastIndexOf('/') + 1);
        } else {
          Matcher m = REQUEST_ID.matcher(r.body());
          if (!m.find()) {
            continue;
          }
          requestId = m.group(1);
        }
        bySession
            .computeIfAbsent(requestId.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(r.at());
      }
      List<Long> gaps = new ArrayList<>();
      for (List<Instant> times : bySession.values()) {
        Collections.sort(times);
        for (int i = 1; i < times.size(); i++) {
          if (times.get(i - 1).isBefore(from)) {
            continue;
          }
          gaps.add(Duration.between(times.get(i - 1), times.get(i)).minus(interval).toMillis());
        }
      }
      Collections.sort(gaps);
      return new Lateness(data.size(), gaps);
    }
  }

  private record Lateness(int calls, List<Long> gaps) {
    long percentile(int p) {
      if (gaps.isEmpty()) {
        return -1;
      }
      int index = (int) Math.ceil(p / 100.0 * gaps.size()) - 1;
      return gaps.get(Math.max(0, Math.min(gaps.size() - 1, index)));
    }
  }

  /** The sync instance's process and what it last reported. */
  private static final class Node {
    final Process process;
    final int port;
    final AtomicReference<String> lastStats = new AtomicReference<>();
    final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    private Node(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    static Node start(String jar, Map<String, String> env, String heap) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap));
      // e.g. -XX:StartFlightRecording=filename=node.jfr,settings=profile to profile the instance
      String options = System.getenv().getOrDefault("SCALE_NODE_OPTIONS", "").trim();
      if (!options.isEmpty()) {
        command.addAll(List.of(options.split("\\s+")));
      }
      command.addAll(List.of("-cp", jar, SyncNode.class.getName()));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(env);
      Process process = builder.start();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("port=")) {
        if (line.contains("ERROR") || line.contains("Exception")) {
          System.err.println("sync: " + line);
        }
      }
      if (line == null) {
        throw new IllegalStateException("the sync instance stopped before listening");
      }
      Node node = new Node(process, Integer.parseInt(line.substring(5).trim()));
      Thread.ofPlatform()
          .daemon()
          .start(() -> {
            try {
              String l;
              while ((l = out.readLine()) != null) {
                if (l.startsWith("stats ")) {
                  node.lastStats.set(l);
                } else if (l.startsWith("gc ")) {
                  node.replies.add(l);
                } else if (l.contains("ERROR") || l.contains("OutOfMemoryError")) {
                  System.err.println("sync: " + l);
                }
              }
            } catch (IOException ignored) {
              // the process ended
            }
          });
      return node;
    }

    /** The heap in use right after a full collection in the instance, in bytes. */
    long liveHeap() throws IOException, InterruptedException {
      OutputStream in = process.getOutputStream();
      in.write("gc\n".getBytes(StandardCharsets.US_ASCII));
      in.flush();
      String reply = replies.poll(60, java.util.concurrent.TimeUnit.SECONDS);
      if (reply == null) {
        throw new IllegalStateException("the sync instance did not answer gc");
      }
      return Long.parseLong(reply.substring(reply.indexOf('=') + 1).trim());
    }

    /** Gauges by state and polls so far from {@code /metrics}, and the process's CPU time. */
    Sample sample(HttpClient http, URI base) throws IOException, InterruptedException {
      HttpResponse<String> metrics =
          http.send(
              HttpRequest.newBuilder(base.resolve("/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      long cpu = process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
      Instant at = Instant.now();
      Map<String, Long> states = new HashMap<>();
      Matcher m = GAUGE.matcher(metrics.body());
      while (m.find()) {
        states.put(m.group(1), (long) Double.parseDouble(m.group(2)));
      }
      Matcher p = POLLS.matcher(metrics.body());
      return new Sample(at, states, p.find() ? Double.parseDouble(p.group(1)) : 0, cpu);
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
