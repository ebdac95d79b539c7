package io.flinks4j.sync.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection over a plain socket, kept alive across requests, so a test controls
 * exactly which requests share a connection and which bytes go on the wire (headers in any case,
 * chunked bodies).
 */
public final class RawHttp implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    this.socket.setSoTimeout(15_000);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** A new connection to {@code 127.0.0.1:port}. */
  public static RawHttp connect(int port) throws IOException {
    return new RawHttp(new Socket("127.0.0.1", port));
  }

  /**
   * A new connection to {@code 127.0.0.1:port} from {@code localAddress} (any of 127.0.0.0/8 on
   * Linux).
   */
  public static RawHttp connectFrom(String localAddress, int port) throws IOException {
    return new RawHttp(
        new Socket(
            InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(localAddress), 0));
  }

  /** Status, lower-cased header names and body of one answer. */
  public record Response(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Sends {@code head} (request line and headers, without the blank line) and an optional body. */
  public Response send(String head, byte[] body) throws IOException {
    StringBuilder request = new StringBuilder(head);
    if (body != null) {
      request.append("\r\nContent-Length: ").append(body.length);
    }
    request.append("\r\n\r\n");
    out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      out.write(body);
    }
    out.flush();
    return read();
  }

  /**
   * A GET of {@code path} with {@code authorization} as the Authorization header value (none when
   * null).
   */
  public Response get(String path, String authorization) throws IOException {
    return send(
        "GET "
            + path
            + " HTTP/1.1\r\nHost: localhost"
            + (authorization == null ? "" : "\r\nAuthorization: " + authorization),
        null);
  }

  /**
   * Sends {@code head} and {@code body} in chunks of {@code chunkSize} bytes (Transfer-Encoding:
   * chunked).
   */
  public Response sendChunked(String head, byte[] body, int chunkSize) throws IOException {
    out.write(
        (head + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    try {
      for (int offset = 0; offset < body.length; offset += chunkSize) {
        int length = Math.min(chunkSize, body.length - offset);
        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, offset, length);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    } catch (IOException refusedMidway) {
      // the server may answer and close before reading everything: the answer is still there to
      // read
    }
    return read();
  }

  private Response read() throws IOException {
    String statusLine = line();
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(); !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).strip());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      for (int size = Integer.parseInt(line().strip(), 16);
          size > 0;
          size = Integer.parseInt(line().strip(), 16)) {
        body.write(in.readNBytes(size));
        line();
      }
      line();
    } else if (headers.containsKey("content-length")) {
      body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
    }
    return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed mid-answer");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  /** True once the server has closed its side (a read returns end of stream). */
  public boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
