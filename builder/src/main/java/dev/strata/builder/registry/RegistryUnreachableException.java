package dev.strata.builder.registry;

/** No connection could be made to the registry: refused, unknown host, timed out, TLS failed. */
public final class RegistryUnreachableException extends RegistryException {
  public RegistryUnreachableException(String registry, String message, Throwable cause) {
    super(registry, message, cause);
  }

  @Override
  public boolean isTransient() {
    return true;
  }
}
