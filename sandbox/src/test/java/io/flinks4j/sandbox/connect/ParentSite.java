package io.flinks4j.sandbox.connect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The integrator's site of the browser tests, on its own port (so a different origin than the
 * sandbox): {@code /parent?src=...} embeds Connect in an iframe and records every postMessage into
 * {@code window.events}; {@code /done} is the redirectUrl.
 */
final class ParentSite implements AutoCloseable {

  private final HttpServer server;

  ParentSite() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/parent", this::parent);
    server.createContext(
        "/done",
        exchange ->
            send(exchange, "<!DOCTYPE html><html><body><h1 id=\"done\">Thanks</h1></body></html>"));
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String doneUrl() {
    return baseUrl() + "/done";
  }

  String parentUrl(String connectUrl) {
    return baseUrl() + "/parent?src=" + URLEncoder.encode(connectUrl, StandardCharsets.UTF_8);
  }

  private void parent(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getRawQuery();
    String src =
        URLDecoder.decode(query.substring(query.indexOf("src=") + 4), StandardCharsets.UTF_8);
    send(
        exchange,
        "<!DOCTYPE html><html><body><script>window.events = [];"
            + "window.addEventListener('message', function (e) { window.events.push(e.data); });</script>"
            + "<iframe id=\"connect\" width=\"480\" height=\"720\" src=\""
            + src.replace("&", "&amp;").replace("\"", "&quot;")
            + "\"></iframe></body></html>");
  }

  private static void send(HttpExchange exchange, String html) throws IOException {
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
