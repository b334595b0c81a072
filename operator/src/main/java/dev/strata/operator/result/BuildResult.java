package dev.strata.operator.result;

import dev.strata.operator.api.BaseImage;
import dev.strata.operator.api.BuildWarning;
import dev.strata.operator.api.Layer;
import java.util.List;

/**
 * The builder's report of a successful build: {@code strata build} prints it as one JSON object.
 *
 * @param image the first destination by digest, {@code REPOSITORY@sha256:...}
 * @param digest the pushed manifest's digest
 * @param baseImage the final stage's base image, absent for {@code FROM scratch}
 * @param layers the image's layers in order
 * @param warnings problems the builder noticed that did not stop the build
 */
public record BuildResult(
    String image,
    String digest,
    BaseImage baseImage,
    List<Layer> layers,
    List<BuildWarning> warnings) {

  public BuildResult {
    layers = layers == null ? List.of() : List.copyOf(layers);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** Number of layers the build reused instead of making. */
  public long cachedLayerCount() {
    return layers.stream().filter(l -> Boolean.TRUE.equals(l.cached())).count();
  }
}
