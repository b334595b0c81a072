package dev.strata.operator.buildpod;

import dev.strata.operator.api.ImageBuild;

/** Names and labels that tie build objects to their ImageBuild and generation. */
public final class BuildPodNames {

  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "strata-operator";
  public static final String COMPONENT_LABEL = "app.kubernetes.io/component";
  public static final String OWNER_UID_LABEL = "strata.dev/imagebuild-uid";
  public static final String GENERATION_LABEL = "strata.dev/generation";
  public static final String IMAGE_BUILD_ANNOTATION = "strata.dev/imagebuild";

  /** Selects every build pod this operator made. */
  public static final String BUILD_POD_SELECTOR = MANAGED_BY_LABEL + "=" + MANAGED_BY;

  /** Object names stay under the 253-character limit with room for a suffix. */
  private static final int MAX_BASE = 200;

  private BuildPodNames() {}

  /** The build pod of the resource's current generation. */
  public static String podName(ImageBuild build) {
    return base(build) + "-build-" + build.getMetadata().getGeneration();
  }

  /** The ConfigMap holding the inline context of the resource's current generation. */
  public static String sourceConfigMapName(ImageBuild build) {
    return base(build) + "-source-" + build.getMetadata().getGeneration();
  }

  /** Selects every object made for this ImageBuild, whatever the generation. */
  public static String ownedSelector(ImageBuild build) {
    return BUILD_POD_SELECTOR + "," + OWNER_UID_LABEL + "=" + build.getMetadata().getUid();
  }

  private static String base(ImageBuild build) {
    String name = build.getMetadata().getName();
    return name.length() <= MAX_BASE ? name : name.substring(0, MAX_BASE);
  }
}
