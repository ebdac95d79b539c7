package io.flinks4j.sandbox.api;

import io.flinks4j.sandbox.api.Responses.DataBody;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A Jetty handler in front of Javalin for {@code GET …/GetAccountsDetailAsync/{requestId}} and
 * {@code GET …/GetAccountsSummaryAsync/{requestId}}, the endpoints clients poll: Javalin's regex
 * router and the servlet layer cost more than answering them. The request still runs the whole
 * pipeline ({@link FlinksApi#poll}): recorded, credentials and session checked, counted, answered
 * from the session's state. Anything else, a poll with a body or an encoded path, and every poll
 * while a fault is set, goes on to Javalin unchanged.
 */
public final class AsyncPolls extends Handler.Wrapper {

  private static final String PREFIX = "/v3/";
  private static final String SERVICES = "/BankingServices/";
  private static final String DETAIL = "GetAccountsDetailAsync/";
  private static final String SUMMARY = "GetAccountsSummaryAsync/";
  // As Jetty's servlet layer prints the sandbox's JSON type on every other answer.
  private static final String JSON_TYPE = "application/json;charset=utf-8";

  private final FlinksApi api;

  public AsyncPolls(FlinksApi api) {
    this.api = api;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Poll poll = poll(request);
    if (poll == null) {
      return super.handle(request, response, callback);
    }
    api.poll(new JettyExchange(request, response, callback, poll), poll.detail());
    return true;
  }

  /** What the request polls, or null when it is for Javalin. */
  private Poll poll(Request request) {
    if (!"GET".equals(request.getMethod()) || api.faultsActive()) {
      return null;
    }
    var headers = request.getHeaders();
    String length = headers.get(HttpHeader.CONTENT_LENGTH);
    if ((length != null && !length.equals("0")) || headers.contains(HttpHeader.TRANSFER_ENCODING)) {
      return null;
    }
    String path = request.getHttpURI().getPath();
    if (path == null || !path.startsWith(PREFIX) || path.indexOf('%') >= 0) {
      return null;
    }
    int services = path.indexOf('/', PREFIX.length());
    if (services <= PREFIX.length() || !path.startsWith(SERVICES, services)) {
      return null;
    }
    int endpoint = services + SERVICES.length();
    boolean detail;
    int id;
    if (path.startsWith(DETAIL, endpoint)) {
      detail = true;
      id = endpoint + DETAIL.length();
    } else if (path.startsWith(SUMMARY, endpoint)) {
      detail = false;
      id = endpoint + SUMMARY.length();
    } else {
      return null;
    }
    if (id == path.length() || path.indexOf('/', id) >= 0 || path.indexOf(';', id) >= 0) {
      return null;
    }
    return new Poll(detail, path, path.substring(PREFIX.length(), services), path.substring(id));
  }

  private record Poll(boolean detail, String path, String customerId, String requestId) {}

  /** A poll answered by Jetty directly, without blocking: the parts go out one after the other. */
  private record JettyExchange(Request request, Response response, Callback callback, Poll poll)
      implements Exchange {

    @Override
    public String method() {
      return request.getMethod();
    }

    @Override
    public String path() {
      return poll.path();
    }

    @Override
    public Map<String, String> headers() {
      Map<String, String> headers = new LinkedHashMap<>();
      for (HttpField field : request.getHeaders()) {
        headers.putIfAbsent(field.getLowerCaseName(), field.getValue());
      }
      return Map.copyOf(headers);
    }

    @Override
    public String header(String name) {
      return request.getHeaders().get(name);
    }

    @Override
    public String pathParam(String name) {
      return switch (name) {
        case "customerId" -> poll.customerId();
        case "requestId" -> poll.requestId();
        default -> null;
      };
    }

    @Override
    public void respond(int status, DataBody body) {
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON_TYPE);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length());
      ByteBuffer tail = ByteBuffer.wrap(body.tail());
      response.write(
          false,
          ByteBuffer.wrap(body.head()),
          Callback.from(
              () ->
                  response.write(
                      false,
                      body.accounts(),
                      Callback.from(() -> response.write(true, tail, callback), callback::failed)),
              callback::failed));
    }
  }
}
