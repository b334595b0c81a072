package dev.strata.builder.registry;

import dev.strata.builder.image.Reference;

/** A manifest that cannot be read: malformed JSON, or a media type Strata does not support. */
public final class InvalidManifestException extends RegistryException {
  public InvalidManifestException(Reference reference, String problem, Throwable cause) {
    super(
        reference.registry(),
        "Manifest "
            + reference
            + " cannot be used: "
            + problem
            + ". Strata reads OCI and Docker v2 schema 2 manifests and indexes; push the image"
            + " again with a current tool.",
        cause);
  }
}
