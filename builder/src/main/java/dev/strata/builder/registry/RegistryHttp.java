package dev.strata.builder.registry;

/**
 * Sends requests with authentication: up front where the registry is known to want it, else in
 * answer to its 401 challenge, then once more. Refusals become {@link RegistryAuthException}.
 */
final class RegistryHttp {
  private final Exchanger exchanger;
  private final Authorizer authorizer;

  RegistryHttp(Exchanger exchanger, Authorizer authorizer) {
    this.exchanger = exchanger;
    this.authorizer = authorizer;
  }

  Endpoints endpoints() {
    return exchanger.endpoints();
  }

  RegistryResponse send(RegistryRequest request) {
    return send(request, null);
  }

  RegistryResponse send(RegistryRequest request, BodySink sink) {
    String authorization = authorizer.known(request).orElse(null);
    RegistryResponse response = exchanger.send(request, authorization, sink);
    if (response.status() == 401) {
      authorizer.forget(request);
      String answer = authorizer.answer(request, response);
      response = exchanger.send(request, answer, sink);
      if (response.status() == 401) {
        authorizer.forget(request);
        throw authorizer.refused(request, response);
      }
    }
    if (response.status() == 403) {
      throw authorizer.refused(request, response);
    }
    return response;
  }
}
