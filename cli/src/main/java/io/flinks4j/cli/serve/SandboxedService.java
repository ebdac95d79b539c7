package io.flinks4j.cli.serve;

import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sync.SyncService;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.webhook.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The sync service wired to an in-process Flinks sandbox, as {@code serve} without a Flinks URL and
 * {@code demo} run it: the sandbox's credentials become the service's Flinks settings, and the
 * sandbox delivers its signed webhooks to the service, so the whole stack runs with nothing else
 * installed.
 */
public final class SandboxedService implements AutoCloseable {
  private final FlinksSandbox sandbox;
  private final SyncService service;

  private SandboxedService(FlinksSandbox sandbox, SyncService service) {
    this.sandbox = sandbox;
    this.service = service;
  }

  /**
   * Starts a sandbox with {@code processingDelay} and the service on {@code settings} pointed at
   * it. Both start at the same time (each takes seconds on a busy machine): the sandbox on a port
   * picked beforehand, or, if another process takes that port meanwhile, on a fresh one with the
   * service restarted to match.
   *
   * @throws io.flinks4j.sync.config.ConfigException when {@code settings} are invalid
   */
  public static SandboxedService start(Duration processingDelay, Settings settings) {
    int port = freePort();
    CompletableFuture<FlinksSandbox> sandboxStart =
        CompletableFuture.supplyAsync(
            () -> FlinksSandbox.builder().port(port).processingDelay(processingDelay).start());
    SyncService service;
    try {
      service = SyncService.start(config(settings, "http://127.0.0.1:" + port));
    } catch (RuntimeException e) {
      sandboxStart.thenAccept(FlinksSandbox::close);
      throw e;
    }
    FlinksSandbox sandbox;
    try {
      sandbox = sandboxStart.join();
    } catch (CompletionException portTaken) {
      service.close();
      sandbox = FlinksSandbox.builder().processingDelay(processingDelay).start();
      try {
        service = SyncService.start(config(settings, sandbox.baseUrl()));
      } catch (RuntimeException e) {
        sandbox.close();
        throw e;
      }
    }
    sandbox.configureWebhooks(
        sandbox.webhookSettings().withUrl(service.uri() + WebhookReceiver.PATH));
    return new SandboxedService(sandbox, service);
  }

  // The sandbox's credentials are its defaults (the public Flinks toolbox values).
  private static SyncConfig config(Settings settings, String baseUrl) {
    return SyncConfig.from(
        settings
            .with(SyncConfig.FLINKS_BASE_URL, baseUrl)
            .with(SyncConfig.FLINKS_CUSTOMER_ID, FlinksSandbox.TOOLBOX_CUSTOMER_ID)
            .with(SyncConfig.FLINKS_SECRET_KEY, FlinksSandbox.TOOLBOX_SECRET_KEY)
            .with(SyncConfig.FLINKS_API_KEY, FlinksSandbox.TOOLBOX_API_KEY)
            .with(SyncConfig.WEBHOOK_KEY, FlinksSandbox.DEFAULT_WEBHOOK_KEY));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port", e);
    }
  }

  public FlinksSandbox sandbox() {
    return sandbox;
  }

  public SyncService service() {
    return service;
  }

  /** Stops the service first, so nothing is left polling a stopped sandbox. */
  @Override
  public void close() {
    try {
      service.close();
    } finally {
      sandbox.close();
    }
  }
}
