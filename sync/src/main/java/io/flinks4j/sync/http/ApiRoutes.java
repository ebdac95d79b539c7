package io.flinks4j.sync.http;

/**
 * A group of routes added to the service's single HTTP app; the engine contributes its write and
 * webhook routes through this, so all routes share authentication, error handling, metrics and the
 * OpenAPI document.
 */
@FunctionalInterface
public interface ApiRoutes {
  void addTo(ApiRouter router);
}
