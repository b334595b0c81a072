package dev.strata.builder.registry;

import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One request to a registry, with what errors need to name: the registry, the repository, the
 * access scope it needs and the action in words ("pull manifest docker.io/library/busybox:1").
 *
 * <p>{@code body} makes a fresh publisher per attempt, so the request can be sent again after a
 * retry or an authentication challenge.
 */
record RegistryRequest(
    String method,
    URI uri,
    Map<String, String> headers,
    Supplier<BodyPublisher> body,
    String registry,
    String repository,
    Scope scope,
    String action) {

  RegistryRequest {
    headers = Map.copyOf(headers);
  }

  static RegistryRequest of(
      String method, URI uri, String registry, String repository, Scope scope, String action) {
    return new RegistryRequest(method, uri, Map.of(), null, registry, repository, scope, action);
  }

  RegistryRequest withHeader(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name, value);
    return new RegistryRequest(method, uri, all, body, registry, repository, scope, action);
  }

  RegistryRequest withBody(Supplier<BodyPublisher> newBody) {
    return new RegistryRequest(method, uri, headers, newBody, registry, repository, scope, action);
  }

  RegistryRequest withUri(URI newUri) {
    return new RegistryRequest(method, newUri, headers, body, registry, repository, scope, action);
  }

  boolean isIdempotentRead() {
    return method.equals("GET") || method.equals("HEAD");
  }
}
