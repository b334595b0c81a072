package dev.strata.builder.registry;

import dev.strata.builder.image.Digest;
import dev.strata.builder.image.Reference;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Optional;

/** Puts a manifest under a tag or a digest (PUT), and checks the digest the registry reports. */
final class ManifestPush {
  private final RegistryHttp http;

  ManifestPush(RegistryHttp http) {
    this.http = http;
  }

  Digest push(Reference target, String mediaType, byte[] raw) {
    Digest digest = Digest.of(raw);
    if (target.digest().isPresent() && !target.digest().get().equals(digest)) {
      throw new IllegalArgumentException(
          "Cannot push a manifest with digest "
              + digest
              + " as "
              + target
              + ": the reference names another digest");
    }
    String registry = target.registry();
    String name = target.repository();
    RegistryRequest request =
        RegistryRequest.of(
                "PUT",
                http.endpoints().manifest(registry, name, target.tagOrDigest()),
                registry,
                name,
                Scope.push(name),
                "push manifest " + target)
            .withHeader("Content-Type", mediaType)
            .withBody(() -> BodyPublishers.ofByteArray(raw));
    RegistryResponse response = http.send(request);
    if (!response.isSuccess()) {
      throw Failures.unexpected(request, response);
    }

    Optional<String> announced = response.header("Docker-Content-Digest");
    if (announced.isPresent() && !announced.get().trim().equals(digest.toString())) {
      throw new DigestMismatchException(
          registry,
          name,
          "Manifest pushed as " + target,
          digest,
          Digest.parse(announced.get().trim()));
    }
    return digest;
  }
}
