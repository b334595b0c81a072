package dev.strata.builder.registry;

/** The connection broke during an exchange (reset, closed early), after every retry. */
public final class ConnectionLostException extends RegistryException {
  public ConnectionLostException(String registry, String message, Throwable cause) {
    super(registry, message, cause);
  }

  @Override
  public boolean isTransient() {
    return true;
  }
}
