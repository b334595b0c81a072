package dev.strata.builder.registry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.builder.image.Descriptor;
import dev.strata.builder.image.Descriptor.Platform;
import dev.strata.builder.image.Digest;
import dev.strata.builder.image.ImageIndex;
import dev.strata.builder.image.Manifest;
import dev.strata.builder.image.MediaTypes;
import dev.strata.builder.image.Reference;
import java.io.IOException;
import java.util.Optional;

/**
 * Resolves a reference to an image manifest: GET the manifest, and when the registry serves an
 * index, GET the manifest of the wanted platform. Every manifest's bytes are hashed and checked
 * against the digest asked for and the one the registry announced.
 */
final class ManifestPull {
  static final String ACCEPT =
      String.join(
          ", ",
          MediaTypes.OCI_MANIFEST,
          MediaTypes.DOCKER_MANIFEST,
          MediaTypes.OCI_INDEX,
          MediaTypes.DOCKER_MANIFEST_LIST);

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final RegistryHttp http;

  ManifestPull(RegistryHttp http) {
    this.http = http;
  }

  private record Fetched(Reference reference, byte[] raw, Digest digest, String mediaType) {}

  ResolvedManifest pull(Reference reference, Platform platform) {
    Fetched top = fetch(reference);
    if (MediaTypes.isManifest(top.mediaType())) {
      return resolved(reference, top, Optional.empty());
    }
    if (!MediaTypes.isIndex(top.mediaType())) {
      throw unsupported(reference, top.mediaType());
    }

    ImageIndex index = read(top, ImageIndex.class);
    Descriptor chosen =
        index
            .manifestFor(platform)
            .orElseThrow(
                () -> new PlatformNotFoundException(reference, platform, index.platforms()));
    Fetched child = fetch(reference.withDigest(chosen.digest()));
    if (!MediaTypes.isManifest(child.mediaType())) {
      throw unsupported(child.reference(), child.mediaType());
    }
    return resolved(reference, child, Optional.of(top.digest()));
  }

  private ResolvedManifest resolved(Reference asked, Fetched fetched, Optional<Digest> index) {
    Manifest manifest = read(fetched, Manifest.class);
    if (manifest.config() == null) {
      throw new InvalidManifestException(fetched.reference(), "it has no config descriptor", null);
    }
    return new ResolvedManifest(
        asked, fetched.digest(), fetched.mediaType(), manifest, fetched.raw(), index);
  }

  private Fetched fetch(Reference reference) {
    String repository = reference.repository();
    RegistryRequest request =
        RegistryRequest.of(
                "GET",
                http.endpoints()
                    .manifest(reference.registry(), repository, reference.tagOrDigest()),
                reference.registry(),
                repository,
                Scope.pull(repository),
                "pull manifest " + reference)
            .withHeader("Accept", ACCEPT);
    RegistryResponse response = http.send(request);
    if (response.status() == 404) {
      throw new ManifestUnknownException(reference, response.said());
    }
    if (!response.isSuccess()) {
      throw Failures.unexpected(request, response);
    }

    byte[] raw = response.body();
    Digest actual = Digest.of(raw);
    Optional<Digest> expected = reference.digest();
    if (expected.isPresent() && !expected.get().equals(actual)) {
      throw mismatch(reference, expected.get(), actual, "");
    }
    Optional<Digest> announced =
        response.header("Docker-Content-Digest").flatMap(ManifestPull::parseDigest);
    if (announced.isPresent() && !announced.get().equals(actual)) {
      throw mismatch(reference, announced.get(), actual, " (as its Docker-Content-Digest says)");
    }
    return new Fetched(reference, raw, actual, mediaType(reference, response, raw));
  }

  private static DigestMismatchException mismatch(
      Reference reference, Digest expected, Digest actual, String how) {
    return new DigestMismatchException(
        reference.registry(),
        reference.repository(),
        "Manifest " + reference + how,
        expected,
        actual);
  }

  private static Optional<Digest> parseDigest(String value) {
    try {
      return Optional.of(Digest.parse(value.trim()));
    } catch (IllegalArgumentException otherAlgorithm) {
      return Optional.empty();
    }
  }

  // Registries normally say the type in Content-Type; some say only "application/json" and
  // leave it to the document's mediaType field, or to its shape for old OCI documents.
  private static String mediaType(Reference reference, RegistryResponse response, byte[] raw) {
    String header = response.header("Content-Type").orElse("").split(";")[0].trim();
    if (MediaTypes.isManifest(header) || MediaTypes.isIndex(header)) {
      return header;
    }
    JsonNode document;
    try {
      document = JSON.readTree(raw);
    } catch (IOException e) {
      throw new InvalidManifestException(reference, "it is not JSON", e);
    }
    String field = document.path("mediaType").asText("");
    if (!field.isEmpty()) {
      return field;
    }
    if (document.has("manifests")) {
      return MediaTypes.OCI_INDEX;
    }
    return document.has("config") ? MediaTypes.OCI_MANIFEST : header;
  }

  private static <T> T read(Fetched fetched, Class<T> type) {
    try {
      return JSON.readValue(fetched.raw(), type);
    } catch (IOException e) {
      throw new InvalidManifestException(
          fetched.reference(), "it is not a valid " + type.getSimpleName(), e);
    }
  }

  private static InvalidManifestException unsupported(Reference reference, String mediaType) {
    String problem =
        mediaType.startsWith("application/vnd.docker.distribution.manifest.v1")
            ? "it is a Docker schema 1 manifest, a format registries have retired"
            : "its media type '" + mediaType + "' is not an image manifest or index";
    return new InvalidManifestException(reference, problem, null);
  }
}
