package dev.strata.builder.registry;

import java.util.Optional;

/** Finds the credentials for a registry host; empty means anonymous access. */
@FunctionalInterface
public interface CredentialsSource {

  /**
   * @param registry the host as in a parsed reference, e.g. {@code docker.io} or {@code
   *     registry.example.com:5000}
   */
  Optional<Credentials> forRegistry(String registry);

  static CredentialsSource anonymous() {
    return registry -> Optional.empty();
  }
}
