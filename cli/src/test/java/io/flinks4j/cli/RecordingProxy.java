package io.flinks4j.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A pass-through HTTP proxy in front of the sandbox that keeps every answer's bytes, so a test can
 * compare what the command printed with exactly what the server sent.
 */
final class RecordingProxy implements AutoCloseable {
  /** One forwarded exchange. */
  record Exchange(String path, int status, byte[] body) {}

  private static final List<String> FORWARDED_HEADERS =
      List.of("flinks-auth-key", "x-api-key", "content-type");

  private final HttpServer server;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String target;
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final BiFunction<String, byte[], byte[]> rewrite;

  RecordingProxy(String target) throws IOException {
    this(target, (path, body) -> body);
  }

  /**
   * @param rewrite what the proxy sends instead of each answer body (given the request path), to
   *     play a Flinks behaviour the sandbox does not have; the recorded exchange keeps the body as
   *     the sandbox sent it
   */
  RecordingProxy(String target, BiFunction<String, byte[], byte[]> rewrite) throws IOException {
    this.target = target;
    this.rewrite = rewrite;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::forward);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] requestBody = exchange.getRequestBody().readAllBytes();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
              .method(
                  exchange.getRequestMethod(),
                  requestBody.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(requestBody));
      for (String name : FORWARDED_HEADERS) {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value != null) {
          request.header(name, value);
        }
      }
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      exchanges.add(
          new Exchange(exchange.getRequestURI().getPath(), response.statusCode(), response.body()));
      byte[] body = rewrite.apply(exchange.getRequestURI().getPath(), response.body());
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    http.close();
  }
}
