package dev.strata.operator.buildpod;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/** The cache claim the operator creates in a namespace that has none. */
public final class CacheClaimFactory {

  private CacheClaimFactory() {}

  /**
   * A claim owned by no ImageBuild, so the cache outlives every build; deleting it is the namespace
   * owner's choice.
   */
  public static PersistentVolumeClaim desiredClaim(CacheClaimSettings settings, String namespace) {
    String name =
        settings.claimName().orElseThrow(() -> new IllegalStateException("no cache claim name"));
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(
            Map.of(
                BuildPodNames.MANAGED_BY_LABEL,
                BuildPodNames.MANAGED_BY,
                BuildPodNames.COMPONENT_LABEL,
                "layer-cache"))
        .endMetadata()
        .withNewSpec()
        .withAccessModes(settings.accessMode())
        .withStorageClassName(settings.storageClass().orElse(null))
        .withNewResources()
        .withRequests(Map.of("storage", new Quantity(settings.size())))
        .endResources()
        .endSpec()
        .build();
  }
}
