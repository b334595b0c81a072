package dev.strata.builder.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * An image manifest: OCI's {@code application/vnd.oci.image.manifest.v1+json} or Docker's v2 schema
 * 2, which share this shape.
 *
 * <p>Fields this record does not know are dropped when it is read, so re-serialising a pulled
 * manifest can change its digest: keep the registry's raw bytes when the digest matters.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(
    int schemaVersion,
    String mediaType,
    Descriptor config,
    List<Descriptor> layers,
    Map<String, String> annotations) {

  public Manifest {
    layers = layers == null ? List.of() : List.copyOf(layers);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  public Manifest(String mediaType, Descriptor config, List<Descriptor> layers) {
    this(2, mediaType, config, layers, null);
  }
}
