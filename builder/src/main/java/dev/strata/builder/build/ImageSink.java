package dev.strata.builder.build;

import dev.strata.builder.image.Descriptor;
import java.util.List;

/** Where a finished image goes: a registry, or an OCI image layout on disk. */
public interface ImageSink {

  /**
   * Stores the image under {@code destination} and returns the reference by digest. Blobs go first
   * and the manifest last, so the destination never names a half-stored image.
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
