package dev.strata.builder.registry;

import dev.strata.builder.image.Reference;

/** The registry has no manifest for the reference (HTTP 404). */
public final class ManifestUnknownException extends RegistryException {
  private final Reference reference;

  public ManifestUnknownException(Reference reference, String registrySaid) {
    super(
        reference.registry(),
        "Manifest "
            + reference
            + " was not found: registry "
            + reference.registry()
            + " answered "
            + registrySaid
            + ". Check the repository name and tag or digest, and that the image was pushed.",
        null);
    this.reference = reference;
  }

  public Reference reference() {
    return reference;
  }
}
