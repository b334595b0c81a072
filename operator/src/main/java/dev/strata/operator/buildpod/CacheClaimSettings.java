package dev.strata.operator.buildpod;

import java.util.Optional;

/**
 * The layer cache claim. A pod can mount only a claim of its own namespace, so each namespace with
 * builds has its own claim of this name; the operator creates it where it is missing when {@code
 * provision} is set.
 *
 * @param claimName name of the PersistentVolumeClaim mounted at /cache; no cache volume when empty
 * @param provision whether the operator creates a missing claim
 * @param storageClass storage class of created claims; the cluster default when empty
 * @param size requested size of created claims, e.g. {@code 20Gi}
 * @param accessMode {@code ReadWriteMany} (builds on any node share it) or {@code ReadWriteOnce}
 */
public record CacheClaimSettings(
    Optional<String> claimName,
    boolean provision,
    Optional<String> storageClass,
    String size,
    String accessMode) {

  /** No claim: every build pod gets an empty cache. */
  public static CacheClaimSettings none() {
    return new CacheClaimSettings(
        Optional.empty(), false, Optional.empty(), "1Gi", "ReadWriteOnce");
  }
}
