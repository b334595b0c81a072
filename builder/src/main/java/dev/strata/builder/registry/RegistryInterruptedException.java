package dev.strata.builder.registry;

/** The calling thread was interrupted while waiting on the registry; its flag is set again. */
public final class RegistryInterruptedException extends RegistryException {
  public RegistryInterruptedException(String registry, String action, InterruptedException e) {
    super(registry, "Interrupted while trying to " + action + " on registry " + registry, e);
  }
}
