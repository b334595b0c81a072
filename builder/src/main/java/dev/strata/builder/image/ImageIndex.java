package dev.strata.builder.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.strata.builder.image.Descriptor.Platform;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An image index (OCI) or manifest list (Docker): one manifest per platform.
 *
 * <p>As with {@link Manifest}, unknown fields are dropped when read.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageIndex(
    int schemaVersion,
    String mediaType,
    List<Descriptor> manifests,
    Map<String, String> annotations) {

  public ImageIndex {
    manifests = manifests == null ? List.of() : List.copyOf(manifests);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /** The first image manifest whose platform satisfies {@code wanted}. */
  public Optional<Descriptor> manifestFor(Platform wanted) {
    return manifests.stream()
        .filter(m -> m.mediaType() == null || MediaTypes.isManifest(m.mediaType()))
        .filter(m -> Platforms.matches(wanted, m.platform()))
        .findFirst();
  }

  /** The platforms this index offers, in its order; entries without a platform are left out. */
  public List<Platform> platforms() {
    return manifests.stream().map(Descriptor::platform).filter(Objects::nonNull).toList();
  }
}
