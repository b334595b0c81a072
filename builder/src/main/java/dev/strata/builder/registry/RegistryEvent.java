package dev.strata.builder.registry;

import dev.strata.builder.image.Digest;
import java.time.Duration;

/** Something a registry operation reports while it runs; front ends decide what to print. */
public sealed interface RegistryEvent {

  /** The registry this event concerns. */
  String registry();

  /** A request failed in a way worth retrying; the next attempt follows after {@code delay}. */
  record RetryScheduled(String registry, String action, int attempt, Duration delay, String reason)
      implements RegistryEvent {}

  /** Bytes of a blob moved; {@code total} is -1 when unknown. */
  record BlobProgress(String registry, Digest digest, long transferred, long total)
      implements RegistryEvent {}

  /** A blob was already in the target repository, or was mounted from another one. */
  record BlobSkipped(String registry, String repository, Digest digest, String why)
      implements RegistryEvent {}
}
