package dev.strata.builder.registry;

/**
 * Receives progress from the registry client, which logs nothing itself. Called on the client's
 * threads: implementations must be quick and thread-safe.
 */
@FunctionalInterface
public interface RegistryListener {
  void onEvent(RegistryEvent event);

  static RegistryListener ignoring() {
    return event -> {};
  }
}
