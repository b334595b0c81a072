package dev.strata.operator.buildpod;

import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.time.Duration;

/**
 * Operator-wide choices that shape every build pod.
 *
 * @param builderImage the image that runs {@code strata build}
 * @param imagePullPolicy pull policy for that image
 * @param runAsUser the fixed non-root uid (and gid) the pod runs as
 * @param defaultTimeout the build timeout when the ImageBuild sets none
 * @param defaultResources resources when the ImageBuild sets none
 */
public record BuildPodSettings(
    String builderImage,
    String imagePullPolicy,
    long runAsUser,
    Duration defaultTimeout,
    ResourceRequirements defaultResources) {}
