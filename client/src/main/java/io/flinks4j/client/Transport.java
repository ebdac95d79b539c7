package io.flinks4j.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.client.error.FlinksApiException;
import io.flinks4j.client.error.FlinksException;
import io.flinks4j.client.error.FlinksTransportException;
import io.flinks4j.client.error.SanitizedCause;
import io.flinks4j.client.error.UnreadableResponseException;
import io.flinks4j.client.model.FlinksJson;
import io.flinks4j.client.model.ResponseEnvelope;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one {@link ApiRequest}, repeating it per the {@link RetryPolicy} (the only retry loop in
 * the client), adds the credential its endpoint takes, turns non-2xx refusals into typed exceptions
 * keyed on the FlinksCode and hands a 2xx to the endpoint's reader. Never logs URLs, headers or
 * bodies.
 */
final class Transport {
  private static final Logger log = LoggerFactory.getLogger(FlinksClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER_AGENT = "flinks4j/0.1";

  private final HttpClient http;
  private final String apiRoot;
  private final Duration requestTimeout;
  private final RetryPolicy retryPolicy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Credentials credentials;
  private final Redactor redactor;
  private final RandomGenerator random;

  Transport(
      HttpClient http,
      String apiRoot,
      Duration requestTimeout,
      RetryPolicy retryPolicy,
      Sleeper sleeper,
      Clock clock,
      Credentials credentials,
      RandomGenerator random) {
    this.http = http;
    this.apiRoot = apiRoot;
    this.requestTimeout = requestTimeout;
    this.retryPolicy = retryPolicy;
    this.sleeper = sleeper;
    this.clock = clock;
    this.credentials = credentials;
    this.redactor = new Redactor(credentials.secretKey(), credentials.apiKey());
    this.random = random;
  }

  /** The client's own keys; {@code apiKey} may be null (the header is then not sent). */
  record Credentials(String secretKey, String apiKey) {
    @Override
    public String toString() {
      return "Credentials[***]";
    }
  }

  /**
   * A 2xx answer to {@code request}, for its endpoint's reader to classify.
   *
   * @param secrets the request's secrets plus the credential headers of this attempt
   */
  record Response(
      ApiRequest<?> request, int status, byte[] body, List<String> secrets, Redactor redactor) {

    String operation() {
      return request.endpoint().name();
    }

    /** The RequestId the call was about, or null. */
    String requestId() {
      return request.requestId();
    }

    /** Parses the body, reporting a bad one as an unreadable response of this call. */
    <T> T parse(Function<byte[], T> parser) {
      try {
        return parser.apply(body);
      } catch (UnreadableResponseException e) {
        throw new UnreadableResponseException(
            operation()
                + " answered HTTP "
                + status
                + " with an unreadable body: "
                + e.getMessage(),
            status,
            requestId(),
            e.getCause());
      }
    }

    /** Masks secrets in text Flinks sent back (e.g. a Message quoting a loginId). */
    String scrub(String text) {
      return redactor.scrub(text, secrets);
    }

    @Override
    public String toString() {
      return "Response[" + operation() + ", HTTP " + status + "]";
    }
  }

  /**
   * Sends one call, retrying per the policy, and returns what the endpoint's reader makes of the
   * 2xx answer.
   */
  <T> T send(ApiRequest<T> request) {
    Endpoint<T> endpoint = request.endpoint();
    String operation = endpoint.name();
    URI uri = URI.create(apiRoot + request.path());
    byte[] body = request.body() == null ? null : json(request.body());
    for (int attempt = 1; ; attempt++) {
      Map<String, String> attemptHeaders = new LinkedHashMap<>(credentialHeaders(endpoint.auth()));
      attemptHeaders.putAll(request.headers());
      List<String> attemptSecrets = new ArrayList<>(request.secrets());
      attemptSecrets.addAll(attemptHeaders.values());
      FlinksException failure;
      try {
        HttpResponse<byte[]> response =
            http.send(
                httpRequest(uri, endpoint.method(), body, attemptHeaders),
                HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        log.debug("{} attempt {} -> HTTP {}", operation, attempt, status);
        byte[] responseBody = decoded(response);
        if (status >= 200 && status < 300) {
          return endpoint
              .reader()
              .read(new Response(request, status, responseBody, attemptSecrets, redactor));
        }
        failure =
            refusal(
                operation,
                status,
                responseBody,
                response.headers(),
                request.requestId(),
                attemptSecrets);
      } catch (IOException e) {
        failure = transportFailure(operation, attempt, e, attemptSecrets);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException(operation + " interrupted");
      }
      if (attempt >= retryPolicy.maxAttempts() || !retryPolicy.retries(failure)) {
        throw failure;
      }
      Optional<Duration> retryAfter =
          failure instanceof FlinksApiException api ? api.retryAfter() : Optional.empty();
      Optional<Duration> delay = retryPolicy.delayBeforeRetry(attempt, retryAfter, random);
      if (delay.isEmpty()) {
        throw failure; // the server asks for a longer pause than the policy accepts
      }
      log.info(
          "{} failed ({}); retry {} of {} in {} ms",
          operation,
          failure.getMessage(),
          attempt,
          retryPolicy.maxAttempts() - 1,
          delay.get().toMillis());
      sleep(operation, delay.get());
    }
  }

  /**
   * The credential header of one attempt. An authorize token is minted per attempt: a previous one
   * may already be consumed, and no token is ever sent twice.
   */
  private Map<String, String> credentialHeaders(Endpoint.Auth auth) {
    return switch (auth) {
      case SECRET_KEY -> Map.of("flinks-auth-key", credentials.secretKey());
      case AUTHORIZE_TOKEN ->
          Map.of(
              "flinks-auth-key", send(ApiRequest.to(Endpoints.GENERATE_AUTHORIZE_TOKEN)).value());
      case API_KEY ->
          credentials.apiKey() == null ? Map.of() : Map.of("x-api-key", credentials.apiKey());
    };
  }

  void sleep(String operation, Duration duration) {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException(operation + " interrupted");
    }
  }

  private static byte[] json(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise request body", e);
    }
  }

  /**
   * Inflates a gzip body (large detail payloads shrink about tenfold on the wire); a corrupt one is
   * an I/O error.
   */
  private static byte[] decoded(HttpResponse<byte[]> response) throws IOException {
    byte[] body = response.body();
    boolean gzip =
        response
            .headers()
            .firstValue("Content-Encoding")
            .map(v -> v.strip().equalsIgnoreCase("gzip"))
            .orElse(false);
    if (!gzip || body == null || body.length == 0) {
      return body;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    }
  }

  private HttpRequest httpRequest(
      URI uri, String method, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .header("Accept-Encoding", "gzip")
            .header("User-Agent", USER_AGENT);
    headers.forEach(b::header);
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return b.build();
  }

  private FlinksException refusal(
      String operation,
      int status,
      byte[] body,
      HttpHeaders headers,
      String requestId,
      List<String> secrets) {
    ResponseEnvelope envelope = null;
    try {
      if (body != null && body.length > 0) {
        envelope = FlinksJson.parseEnvelope(body);
      }
    } catch (UnreadableResponseException e) {
      // not JSON (proxy page, plain text): the status is all there is
    }
    FlinksCode code = envelope == null ? null : FlinksCode.ofNullable(envelope.flinksCode());
    String message = envelope == null ? null : redactor.scrub(envelope.message(), secrets);
    String sessionId =
        envelope != null && envelope.requestId() != null ? envelope.requestId() : requestId;
    return FlinksApiException.of(operation, status, code, message, sessionId, retryAfter(headers));
  }

  private FlinksTransportException transportFailure(
      String operation, int attempt, IOException e, List<String> secrets) {
    String detail = redactor.scrub(e.getMessage(), secrets);
    String text = e.getClass().getSimpleName() + (detail == null ? "" : ": " + detail);
    return new FlinksTransportException(
        operation + " failed on attempt " + attempt + " without a usable response (" + text + ")",
        SanitizedCause.of(e, detail));
  }

  private Duration retryAfter(HttpHeaders headers) {
    Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
    if (value.isEmpty() || value.get().isEmpty()) {
      return null;
    }
    String v = value.get();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration until =
            Duration.between(
                clock.instant(),
                ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return until.isNegative() ? Duration.ZERO : until;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }
}
