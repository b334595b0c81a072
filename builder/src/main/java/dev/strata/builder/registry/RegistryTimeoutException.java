package dev.strata.builder.registry;

/** The registry stopped answering: no bytes for longer than the read timeout. */
public final class RegistryTimeoutException extends RegistryException {
  public RegistryTimeoutException(String registry, String message) {
    super(registry, message, null);
  }

  @Override
  public boolean isTransient() {
    return true;
  }
}
