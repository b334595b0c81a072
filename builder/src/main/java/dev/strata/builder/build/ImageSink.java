package dev.strata.builder.build;

import dev.strata.builder.image.Descriptor;
import java.util.List;

/** Where a finished image goes: a registry, or an OCI image layout on disk. */
public interface ImageSink {

  /** Checks a destination before anything is built, so a bad one fails the build early. */
  void check(String destination) throws BuildException;

  /** Stores the image's blobs (layers and config) where {@code destination} points. */
  void storeBlobs(String destination, FinishedImage image) throws BuildException;

  /**
   * Names the image under {@code destination} and returns the reference by digest. Called only
   * after {@link #storeBlobs} succeeded for every destination, so no destination names an image
   * some of whose blobs another destination could not take.
   */
  String publish(String destination, FinishedImage image) throws BuildException;

  /** A complete image whose blobs are in the blob store. */
  record FinishedImage(
      byte[] manifest,
      String manifestMediaType,
      Descriptor config,
      List<Descriptor> layers,
      BaseImage base) {}
}
