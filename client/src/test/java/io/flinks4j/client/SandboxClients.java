package io.flinks4j.client;

import io.flinks4j.sandbox.FlinksSandbox;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Clients of a sandbox on sandbox time (a client's sleep advances the sandbox clock, so polling
 * takes no wall time), closed after each test: register as an instance field with
 * {@code @RegisterExtension}.
 */
final class SandboxClients implements AfterEachCallback {

  private final List<FlinksClient> clients = new CopyOnWriteArrayList<>();

  /** A new client with the sandbox's credentials, clock and sleeper. */
  FlinksClient on(FlinksSandbox sandbox) {
    FlinksClient client =
        FlinksClient.builder()
            .baseUrl(sandbox.baseUrl())
            .customerId(sandbox.customerId())
            .secretKey(sandbox.secretKey())
            .apiKey(sandbox.apiKey())
            .clock(sandbox.clock())
            .sleeper(sandbox::advanceClock)
            .build();
    clients.add(client);
    return client;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    clients.forEach(FlinksClient::close);
    clients.clear();
  }
}
