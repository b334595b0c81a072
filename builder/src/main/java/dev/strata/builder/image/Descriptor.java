package dev.strata.builder.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** A content descriptor: what a manifest or index says of one blob. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    Map<String, String> annotations,
    Platform platform) {

  public Descriptor(String mediaType, Digest digest, long size) {
    this(mediaType, digest, size, null, null);
  }

  /** The platform entry of an index's manifest descriptor. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Platform(String architecture, String os, String variant) {}
}
