package io.flinks4j.sandbox.api;

import io.flinks4j.sandbox.engine.FlinksCode;
import io.flinks4j.sandbox.fault.Fault;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;

/** Turns a drawn {@link Fault} into what the client sees on the wire. */
final class FaultResponder {

  private static final byte[] MALFORMED =
      "{\"HttpStatusCode\":200,\"Accounts\":[{\"Transactions\":[{\"Date\":\"20"
          .getBytes(StandardCharsets.UTF_8);

  void respond(Context ctx, Fault fault) {
    switch (fault.kind()) {
      case HTTP_ERROR -> {
        if (fault.status() == 500) {
          ctx.status(500)
              .contentType("application/json; charset=utf-8")
              .result(Responses.error(FlinksCode.AGGREGATION_ERROR, null));
        } else {
          ctx.status(fault.status())
              .contentType("text/html")
              .result(
                  "<html><body><h1>" + fault.status() + " Service Unavailable</h1></body></html>");
        }
      }
      case TOO_MANY_REQUESTS ->
          ctx.status(401)
              .contentType("application/json; charset=utf-8")
              .result(Responses.error(FlinksCode.TOO_MANY_REQUESTS, null));
      case EMPTY_BODY ->
          ctx.status(200).contentType("application/json; charset=utf-8").result(new byte[0]);
      case MALFORMED_BODY ->
          ctx.status(200).contentType("application/json; charset=utf-8").result(MALFORMED);
      case CONNECTION_RESET -> reset(ctx);
      case LATENCY -> throw new IllegalStateException("latency is applied before, not answered");
    }
  }

  /** Drops the TCP connection with a reset (linger 0) so the client sees no response at all. */
  private static void reset(Context ctx) {
    EndPoint endPoint =
        ServletContextRequest.getServletContextRequest(ctx.req())
            .getConnectionMetaData()
            .getConnection()
            .getEndPoint();
    if (endPoint instanceof SocketChannelEndPoint socket) {
      try {
        socket.getChannel().setOption(StandardSocketOptions.SO_LINGER, 0);
      } catch (IOException ignored) {
        // the close below still drops the connection, with a FIN instead of a RST
      }
    }
    endPoint.close();
  }
}
