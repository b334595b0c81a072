package dev.strata.builder.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.Map;

/** A content descriptor: what a manifest or index says of one blob. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
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
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Platform(String architecture, String os, String variant) {

    /** Parses {@code os/architecture[/variant]}, e.g. {@code linux/arm64/v8}. */
    public static Platform parse(String text) {
      String[] parts = text.split("/", -1);
      if (parts.length < 2 || parts.length > 3 || Arrays.asList(parts).contains("")) {
        throw new IllegalArgumentException(
            "Invalid platform '"
                + text
                + "': expected os/architecture[/variant], e.g. linux/amd64");
      }
      return new Platform(parts[1], parts[0], parts.length == 3 ? parts[2] : null);
    }

    /** {@code os/architecture[/variant]}, the form {@link #parse} reads. */
    @Override
    public String toString() {
      return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
  }
}
