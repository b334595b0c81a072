package dev.strata.builder.registry;

import dev.strata.builder.image.Digest;
import dev.strata.builder.image.Reference;

/** Asks whether a repository already has a blob (HEAD). */
final class BlobCheck {
  private final RegistryHttp http;

  BlobCheck(RegistryHttp http) {
    this.http = http;
  }

  /**
   * @param scope pull for a plain check; push when checking before an upload, so the token obtained
   *     serves the upload that follows
   */
  boolean exists(Reference repository, Digest digest, Scope scope) {
    String registry = repository.registry();
    String name = repository.repository();
    RegistryRequest request =
        RegistryRequest.of(
            "HEAD",
            http.endpoints().blob(registry, name, digest),
            registry,
            name,
            scope,
            "check for blob " + digest + " in " + registry + "/" + name);
    RegistryResponse response = http.send(request);
    if (response.status() == 404) {
      return false;
    }
    if (!response.isSuccess()) {
      throw Failures.unexpected(request, response);
    }
    return true;
  }
}
