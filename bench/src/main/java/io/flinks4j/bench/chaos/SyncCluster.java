package io.flinks4j.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sync instances of a run: the same settings (database, encryption key, Flinks connection, API
 * key), each with its own port, instance name, data folder and log.
 */
final class SyncCluster implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final List<SyncInstance> instances;
  private final HttpClient http;

  private SyncCluster(List<SyncInstance> instances, HttpClient http) {
    this.instances = List.copyOf(instances);
    this.http = http;
  }

  /**
   * Starts {@code count} instances one after the other (the first migrates the database).
   *
   * @param sharedEnv settings every instance gets; port, instance name and data folder are added
   *     per instance
   */
  static SyncCluster start(
      int count, Map<String, String> sharedEnv, Path runDir, String jar, HttpClient http)
      throws IOException, InterruptedException {
    List<SyncInstance> instances = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String name = "chaos-" + i;
      int port = freePort();
      Map<String, String> env = new HashMap<>(sharedEnv);
      env.put("FLINKS4J_PORT", String.valueOf(port));
      env.put("FLINKS4J_INSTANCE_NAME", name);
      env.put("FLINKS4J_DATA_DIR", Files.createDirectories(runDir.resolve(name)).toString());
      instances.add(new SyncInstance(name, port, env, runDir.resolve(name + ".log"), jar));
    }
    SyncCluster cluster = new SyncCluster(instances, http);
    try {
      for (SyncInstance instance : instances) {
        instance.start(http, START_TIMEOUT);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  int size() {
    return instances.size();
  }

  List<URI> uris() {
    return instances.stream().map(SyncInstance::uri).toList();
  }

  /**
   * Kills instance {@code index} with SIGKILL and starts it again at once; returns when it is
   * ready.
   */
  String killAndRestart(int index) throws IOException, InterruptedException {
    SyncInstance victim = instances.get(index);
    victim.kill();
    victim.start(http, START_TIMEOUT);
    return victim.name();
  }

  @Override
  public void close() throws InterruptedException {
    for (SyncInstance instance : instances) {
      instance.stop();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
