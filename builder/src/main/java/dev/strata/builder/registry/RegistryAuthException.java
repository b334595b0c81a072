package dev.strata.builder.registry;

/** The registry or its token server refused the credentials used, or refused anonymous access. */
public final class RegistryAuthException extends RegistryException {
  private final int status;

  public RegistryAuthException(String registry, int status, String message) {
    super(registry, message, null);
    this.status = status;
  }

  /** 401 or 403, or 0 when the challenge itself could not be answered. */
  public int status() {
    return status;
  }
}
