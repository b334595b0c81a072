package dev.strata.builder.registry;

import dev.strata.builder.image.Digest;
import dev.strata.builder.image.Manifest;
import dev.strata.builder.image.Reference;
import java.util.Optional;

/**
 * An image manifest as pulled: parsed, with the registry's exact bytes and their checked digest.
 *
 * @param reference what was asked for
 * @param digest the digest of {@code raw}, the manifest's identity
 * @param mediaType the manifest's media type as the registry served it
 * @param indexDigest the digest of the image index the manifest was chosen from, if it was
 */
public record ResolvedManifest(
    Reference reference,
    Digest digest,
    String mediaType,
    Manifest manifest,
    byte[] raw,
    Optional<Digest> indexDigest) {

  /** The reference pinned to this manifest's digest. */
  public Reference pinned() {
    return reference.withDigest(digest);
  }
}
