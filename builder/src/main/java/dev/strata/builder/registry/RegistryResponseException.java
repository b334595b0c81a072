package dev.strata.builder.registry;

/** The registry answered with a status the operation cannot go on from. */
public final class RegistryResponseException extends RegistryException {
  private final int status;

  public RegistryResponseException(String registry, int status, String message) {
    super(registry, message, null);
    this.status = status;
  }

  public int status() {
    return status;
  }

  @Override
  public boolean isTransient() {
    return status == 429 || status >= 500;
  }
}
