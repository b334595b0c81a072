package dev.strata.builder.registry;

import dev.strata.builder.image.Digest;
import dev.strata.builder.image.Reference;
import java.net.URI;
import java.util.Optional;

/**
 * Asks the registry to link a blob from another repository it holds (POST {@code ?mount=&from=}). A
 * registry that cannot or will not mount answers 202 with an upload session instead, which the
 * caller may use to upload the blob.
 */
final class BlobMount {
  private final RegistryHttp http;

  BlobMount(RegistryHttp http) {
    this.http = http;
  }

  /** The outcome: mounted, or not, with the upload session the registry opened instead. */
  record Result(boolean mounted, Optional<URI> uploadSession) {}

  Result mount(Reference target, Digest digest, Reference source) {
    String registry = target.registry();
    String name = target.repository();
    if (!registry.equals(source.registry())) {
      throw new IllegalArgumentException(
          "Cannot mount blob "
              + digest
              + " from "
              + source
              + " into "
              + target
              + ": a mount only works within one registry");
    }
    RegistryRequest request =
        RegistryRequest.of(
            "POST",
            http.endpoints().mount(registry, name, digest, source.repository()),
            registry,
            name,
            Scope.push(name).plus(Scope.pull(source.repository())),
            "mount blob " + digest + " from " + source.repository() + " into " + name);
    RegistryResponse response = http.send(request);
    if (response.status() == 201) {
      return new Result(true, Optional.empty());
    }
    if (response.status() == 202) {
      return new Result(false, response.header("Location").map(response.uri()::resolve));
    }
    throw Failures.unexpected(request, response);
  }
}
