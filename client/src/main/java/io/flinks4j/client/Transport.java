package io.flinks4j.client;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one logical call, repeating it per the {@link RetryPolicy} (the only retry loop in the
 * client), and turns refusals into typed exceptions keyed on the FlinksCode. Never logs URLs,
 * headers or bodies.
 */
final class Transport {
  private static final Logger log = LoggerFactory.getLogger(FlinksClient.class);
  private static final String USER_AGENT = "flinks4j/0.1";

  private final HttpClient http;
  private final String apiRoot;
  private final Duration requestTimeout;
  private final RetryPolicy retryPolicy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Redactor redactor;
  private final RandomGenerator random;

  Transport(
      HttpClient http,
      String apiRoot,
      Duration requestTimeout,
      RetryPolicy retryPolicy,
      Sleeper sleeper,
      Clock clock,
      Redactor redactor,
      RandomGenerator random) {
    this.http = http;
    this.apiRoot = apiRoot;
    this.requestTimeout = requestTimeout;
    this.retryPolicy = retryPolicy;
    this.sleeper = sleeper;
    this.clock = clock;
    this.redactor = redactor;
    this.random = random;
  }

  /** A 2xx answer: the caller decides what 200/202/203 mean for its endpoint. */
  record Response(
      String operation, int status, byte[] body, String requestId, List<String> secrets) {}

  /**
   * One logical call.
   *
   * @param operation endpoint name, for logs and messages
   * @param method HTTP method
   * @param path path below {@code .../BankingServices/}, segments already encoded
   * @param body JSON body, or null for none
   * @param requestId RequestId the call is about (for error context), or null
   * @param headers per-attempt credential headers (attempt numbers start at 1)
   * @param secrets values to mask in anything this call reports (loginId, password, ...)
   */
  Response call(
      String operation,
      String method,
      String path,
      byte[] body,
      String requestId,
      IntFunction<Map<String, String>> headers,
      List<String> secrets) {
    URI uri = URI.create(apiRoot + path);
    for (int attempt = 1; ; attempt++) {
      Map<String, String> attemptHeaders = headers.apply(attempt);
      List<String> attemptSecrets = withHeaderSecrets(secrets, attemptHeaders);
      FlinksException failure;
      try {
        HttpResponse<byte[]> response =
            http.send(
                request(uri, method, body, attemptHeaders),
                HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        log.debug("{} attempt {} -> HTTP {}", operation, attempt, status);
        byte[] responseBody = decoded(response);
        if (status >= 200 && status < 300) {
          return new Response(operation, status, responseBody, requestId, attemptSecrets);
        }
        failure =
            refusal(operation, status, responseBody, response.headers(), requestId, attemptSecrets);
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

  /** Parses a 2xx body, reporting a bad one as an unreadable response of this call. */
  <T> T parse(Response response, Function<byte[], T> parser) {
    try {
      return parser.apply(response.body());
    } catch (UnreadableResponseException e) {
      throw new UnreadableResponseException(
          response.operation()
              + " answered HTTP "
              + response.status()
              + " with an unreadable body: "
              + e.getMessage(),
          response.status(),
          response.requestId(),
          e.getCause());
    }
  }

  /** Masks secrets in text Flinks sent back (e.g. a Message quoting a loginId). */
  String scrub(String text, List<String> secrets) {
    return redactor.scrub(text, secrets);
  }

  void sleep(String operation, Duration duration) {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException(operation + " interrupted");
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

  private HttpRequest request(URI uri, String method, byte[] body, Map<String, String> headers) {
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
    String message = envelope == null ? null : scrub(envelope.message(), secrets);
    String sessionId =
        envelope != null && envelope.requestId() != null ? envelope.requestId() : requestId;
    return FlinksApiException.of(operation, status, code, message, sessionId, retryAfter(headers));
  }

  private FlinksTransportException transportFailure(
      String operation, int attempt, IOException e, List<String> secrets) {
    String detail = scrub(e.getMessage(), secrets);
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

  private static List<String> withHeaderSecrets(List<String> secrets, Map<String, String> headers) {
    if (headers.isEmpty()) {
      return secrets;
    }
    java.util.ArrayList<String> all = new java.util.ArrayList<>(secrets);
    all.addAll(headers.values());
    return all;
  }
}
