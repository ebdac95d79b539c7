package io.flinks4j.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call of one endpoint, as a value (stripe-java's {@code ApiRequest}): {@link Transport#send}
 * takes nothing else. Built with {@link #to} and withers, so no argument is passed by position.
 *
 * @param pathParameters values of the endpoint's path placeholders, by name
 * @param body the JSON body as a map (serialised by the transport), or null for none
 * @param requestId the RequestId the call is about, for error context; null when none
 * @param headers headers to send besides the endpoint's credential
 * @param secrets values to mask in anything this call reports (loginId, password, answers...); the
 *     credential headers are masked too, without being listed here
 * @param <T> what the endpoint's answer is read into
 */
record ApiRequest<T>(
    Endpoint<T> endpoint,
    Map<String, String> pathParameters,
    Map<String, Object> body,
    String requestId,
    Map<String, String> headers,
    List<String> secrets) {

  ApiRequest {
    Objects.requireNonNull(endpoint, "endpoint");
    pathParameters = Collections.unmodifiableMap(new LinkedHashMap<>(pathParameters));
    body = body == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(body));
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    secrets = secrets.stream().filter(Objects::nonNull).toList();
  }

  /** A call of {@code endpoint} with no parameters, body, headers or secrets yet. */
  static <T> ApiRequest<T> to(Endpoint<T> endpoint) {
    return new ApiRequest<>(endpoint, Map.of(), null, null, Map.of(), List.of());
  }

  ApiRequest<T> withPathParameter(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(pathParameters);
    all.put(name, AuthorizeRequest.requireText(value, name));
    return new ApiRequest<>(endpoint, all, body, requestId, headers, secrets);
  }

  ApiRequest<T> withBody(Map<String, ?> body) {
    return new ApiRequest<>(
        endpoint, pathParameters, new LinkedHashMap<>(body), requestId, headers, secrets);
  }

  ApiRequest<T> withRequestId(String requestId) {
    return new ApiRequest<>(endpoint, pathParameters, body, requestId, headers, secrets);
  }

  ApiRequest<T> withHeader(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name, value);
    return new ApiRequest<>(endpoint, pathParameters, body, requestId, all, secrets);
  }

  ApiRequest<T> withSecrets(Collection<String> more) {
    List<String> all = new ArrayList<>(secrets);
    all.addAll(more);
    return new ApiRequest<>(endpoint, pathParameters, body, requestId, headers, all);
  }

  /** The path below {@code .../BankingServices/}, placeholders filled and encoded. */
  String path() {
    return endpoint.path(pathParameters);
  }

  /** Endpoint and RequestId only: bodies, path values and headers may hold secrets. */
  @Override
  public String toString() {
    return "ApiRequest["
        + endpoint.name()
        + (requestId == null ? "" : ", requestId=" + requestId)
        + ", secrets="
        + secrets.size()
        + "]";
  }
}
