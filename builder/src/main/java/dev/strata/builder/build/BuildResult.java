package dev.strata.builder.build;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** What a successful build produced: the CLI prints it as JSON, the operator stores it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BuildResult(
    String image, String digest, BaseImage baseImage, List<Layer> layers, List<Warning> warnings) {

  /** The image the last stage started from; null fields for {@code FROM scratch}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BaseImage(String reference, String digest) {}

  /** One layer of the image, base layers first. */
  public record Layer(
      String digest, long size, String mediaType, String createdBy, boolean cached) {}

  /** Something about the image that will likely fail at run time. */
  public record Warning(int line, String message) {}
}
