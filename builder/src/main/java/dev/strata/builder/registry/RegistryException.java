package dev.strata.builder.registry;

/**
 * A registry operation that failed. Each cause has its own subtype; every message names what was
 * attempted, on which registry and repository, what the registry said, and what the user can do.
 */
public abstract class RegistryException extends RuntimeException {
  private final String registry;

  protected RegistryException(String registry, String message, Throwable cause) {
    super(message, cause);
    this.registry = registry;
  }

  /** The registry host the operation talked to. */
  public String registry() {
    return registry;
  }

  /** Whether the same operation may succeed if tried again later. */
  public boolean isTransient() {
    return false;
  }
}
