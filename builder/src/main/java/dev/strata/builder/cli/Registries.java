package dev.strata.builder.cli;

import dev.strata.builder.build.BaseImageSource;
import dev.strata.builder.build.BuildException;
import dev.strata.builder.build.BuildListener;
import dev.strata.builder.build.ImageSink;
import dev.strata.builder.cache.BlobStore;

/** Connects the CLI's registry options to the base-image source and the registry sink. */
final class Registries {
  private final BuildOptions options;
  private final BlobStore blobs;
  private final BuildListener listener;

  Registries(BuildOptions options, BlobStore blobs, BuildListener listener) {
    this.options = options;
    this.blobs = blobs;
    this.listener = listener;
  }

  BaseImageSource baseImages() {
    return (reference, line) -> {
      throw new BuildException(line, "pulling base images is not wired yet: " + reference);
    };
  }

  ImageSink sink() {
    return (destination, image) -> {
      throw new BuildException(0, "pushing is not wired yet: " + destination);
    };
  }
}
