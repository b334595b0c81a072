package dev.strata.operator.buildpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CacheClaimFactoryTest {

  @Test
  void claimUsesTheConfiguredClassSizeAndAccessModeAndHasNoOwner() {
    PersistentVolumeClaim claim =
        CacheClaimFactory.desiredClaim(
            new CacheClaimSettings(
                Optional.of("strata-cache"), true, Optional.of("nfs"), "50Gi", "ReadWriteMany"),
            "team-a");

    assertEquals("strata-cache", claim.getMetadata().getName());
    assertEquals("team-a", claim.getMetadata().getNamespace());
    assertEquals("nfs", claim.getSpec().getStorageClassName());
    assertEquals(List.of("ReadWriteMany"), claim.getSpec().getAccessModes());
    assertEquals("50Gi", claim.getSpec().getResources().getRequests().get("storage").toString());
    assertTrue(claim.getMetadata().getOwnerReferences().isEmpty());
  }

  @Test
  void noStorageClassMeansTheClusterDefault() {
    PersistentVolumeClaim claim =
        CacheClaimFactory.desiredClaim(
            new CacheClaimSettings(
                Optional.of("c"), true, Optional.empty(), "1Gi", "ReadWriteOnce"),
            "ns");

    assertNull(claim.getSpec().getStorageClassName());
  }
}
