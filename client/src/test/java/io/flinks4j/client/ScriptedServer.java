package io.flinks4j.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny HTTP/1.1 server on a raw socket (free port, one request per connection) whose replies
 * tests script per endpoint, including faults a real server library cannot produce: connection
 * resets and bodies cut short.
 */
final class ScriptedServer implements AutoCloseable {
  static final String BANKING = "/BankingServices/";

  /** A request as received. Header names are lower-cased. */
  record Recorded(String method, String path, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The part of the path after {@code /BankingServices/}, e.g. {@code
     * GetAccountsDetailAsync/abc}.
     */
    String endpoint() {
      int i = path.indexOf(BANKING);
      return i < 0 ? path : path.substring(i + BANKING.length());
    }
  }

  /** What the server does with a request. */
  sealed interface Reply {
    /** A normal response. */
    record Full(int status, byte[] body, Map<String, String> headers) implements Reply {
      Full header(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Full(status, body, h);
      }
    }

    /** Close the connection with a TCP reset before answering. */
    record Reset() implements Reply {}

    /** Announce {@code declaredLength} bytes but send only {@code body}, then close. */
    record CutShort(int status, byte[] body, int declaredLength) implements Reply {}

    /** No Content-Length: the body ends when the connection closes. */
    record CloseDelimited(int status, byte[] body) implements Reply {}

    /** Keep the connection open and never answer (until the server closes). */
    record Stall() implements Reply {}
  }

  static Reply.Full json(int status, String body) {
    return new Reply.Full(
        status, body.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"));
  }

  static Reply.Full json(int status, byte[] body) {
    return new Reply.Full(status, body, Map.of("Content-Type", "application/json"));
  }

  static Reply reset() {
    return new Reply.Reset();
  }

  private final ServerSocket server;
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Function<Recorded, Reply>> routes = new ConcurrentHashMap<>();
  private final Thread acceptor;
  private final java.util.concurrent.CountDownLatch closed =
      new java.util.concurrent.CountDownLatch(1);

  private ScriptedServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofVirtual().name("scripted-server").start(this::acceptLoop);
  }

  static ScriptedServer start() {
    try {
      return new ScriptedServer();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** Routes {@code METHOD endpoint} (first path segment after BankingServices) to a handler. */
  ScriptedServer handle(String method, String endpoint, Function<Recorded, Reply> handler) {
    routes.put(method + " " + endpoint, handler);
    return this;
  }

  /** Replies in order; the last reply repeats forever. */
  ScriptedServer script(String method, String endpoint, Reply... replies) {
    Deque<Reply> queue = new ArrayDeque<>(List.of(replies));
    return handle(
        method,
        endpoint,
        request -> {
          synchronized (queue) {
            return queue.size() > 1 ? queue.poll() : queue.peek();
          }
        });
  }

  List<Recorded> requests() {
    return List.copyOf(requests);
  }

  List<Recorded> requests(String endpointPrefix) {
    return requests.stream().filter(r -> r.endpoint().startsWith(endpointPrefix)).toList();
  }

  @Override
  public void close() {
    closed.countDown();
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    acceptor.interrupt();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread.ofVirtual().start(() -> serve(socket));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      Recorded request = read(in);
      if (request == null) {
        return;
      }
      requests.add(request);
      String endpoint = request.endpoint();
      int slash = endpoint.indexOf('/');
      String key = request.method() + " " + (slash < 0 ? endpoint : endpoint.substring(0, slash));
      Function<Recorded, Reply> handler = routes.get(key);
      Reply reply =
          handler == null
              ? json(404, "{\"HttpStatusCode\":404,\"Message\":\"no route " + key + "\"}")
              : handler.apply(request);
      write(socket, reply);
    } catch (IOException e) {
      // the client went away; nothing to do
    }
  }

  private static Recorded read(InputStream in) throws IOException {
    String requestLine = line(in);
    if (requestLine == null || requestLine.isEmpty()) {
      return null;
    }
    String[] parts = requestLine.split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    String header;
    while ((header = line(in)) != null && !header.isEmpty()) {
      int colon = header.indexOf(':');
      headers.put(
          header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          header.substring(colon + 1).strip());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Recorded(parts[0], parts[1], headers, body);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        break;
      }
      if (b != '\r') {
        out.write(b);
      }
    }
    return b == -1 && out.size() == 0 ? null : out.toString(StandardCharsets.ISO_8859_1);
  }

  private void write(Socket socket, Reply reply) throws IOException {
    OutputStream out = socket.getOutputStream();
    switch (reply) {
      case Reply.Reset reset -> {
        socket.setSoLinger(true, 0);
        socket.close();
      }
      case Reply.Full full -> {
        StringBuilder head = new StringBuilder("HTTP/1.1 " + full.status() + " X\r\n");
        full.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ")
            .append(full.body().length)
            .append("\r\nConnection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(full.body());
        out.flush();
      }
      case Reply.CutShort cut -> {
        out.write(
            ("HTTP/1.1 "
                    + cut.status()
                    + " X\r\nContent-Type: application/json\r\nContent-Length: "
                    + cut.declaredLength()
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(cut.body());
        out.flush();
      }
      case Reply.Stall stall -> {
        try {
          closed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      case Reply.CloseDelimited delimited -> {
        out.write(
            ("HTTP/1.1 "
                    + delimited.status()
                    + " X\r\nContent-Type: application/json\r\nConnection: close"
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(delimited.body());
        out.flush();
      }
    }
  }

  @Override
  public String toString() {
    return "ScriptedServer[" + baseUrl() + ", requests=" + new ArrayList<>(requests).size() + "]";
  }
}
