package dev.strata.builder.registry;

import dev.strata.builder.image.Digest;

/** The registry has no blob with this digest in the repository (HTTP 404). */
public final class BlobUnknownException extends RegistryException {
  private final Digest digest;

  public BlobUnknownException(String registry, String repository, Digest digest, String said) {
    super(
        registry,
        "Blob "
            + digest
            + " was not found in repository "
            + repository
            + " on registry "
            + registry
            + ": "
            + said
            + ". The manifest that refers to it is broken, or the blob was deleted; push the"
            + " image again.",
        null);
    this.digest = digest;
  }

  public Digest digest() {
    return digest;
  }
}
