package dev.strata.builder.registry;

import dev.strata.builder.image.Digest;

/** Content from the registry does not hash to the digest it was asked for or announced. */
public final class DigestMismatchException extends RegistryException {
  private final Digest expected;
  private final Digest actual;

  public DigestMismatchException(
      String registry, String repository, String what, Digest expected, Digest actual) {
    super(
        registry,
        what
            + " from repository "
            + repository
            + " on registry "
            + registry
            + " should have digest "
            + expected
            + " but its content hashes to "
            + actual
            + ". The registry's storage or a proxy in between corrupted it; nothing was kept."
            + " Try again, and report it to the registry's operator if it persists.",
        null);
    this.expected = expected;
    this.actual = actual;
  }

  public Digest expected() {
    return expected;
  }

  public Digest actual() {
    return actual;
  }
}
