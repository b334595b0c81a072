package dev.strata.builder.cli;

import dev.strata.builder.build.BaseImageSource;
import dev.strata.builder.build.BuildException;
import dev.strata.builder.build.BuildListener;
import dev.strata.builder.build.ImageSink;
import dev.strata.builder.cache.BlobStore;
import dev.strata.builder.registry.CredentialsSource;
import dev.strata.builder.registry.DockerConfig;
import dev.strata.builder.registry.RegistryClient;
import dev.strata.builder.registry.RegistryEvent;
import dev.strata.builder.registry.RetryPolicy;
import dev.strata.builder.remote.RegistryBaseImages;
import dev.strata.builder.remote.RegistrySink;

/** Connects the CLI's registry options to the base-image source and the registry sink. */
final class Registries {
  private final BuildOptions options;
  private final BlobStore blobs;
  private final BuildListener listener;
  private final RegistryClient client;

  Registries(BuildOptions options, BlobStore blobs, BuildListener listener) throws BuildException {
    this.options = options;
    this.blobs = blobs;
    this.listener = listener;
    CredentialsSource credentials;
    try {
      credentials =
          options.dockerConfig().map(DockerConfig::load).orElseGet(DockerConfig::loadDefault);
    } catch (RuntimeException e) {
      throw new BuildException(
          0,
          "reading registry credentials failed: "
              + e.getMessage()
              + "; fix the file or pass another --docker-config",
          e);
    }
    this.client =
        new RegistryClient(
            credentials, options.insecureRegistries(), RetryPolicy.defaults(), this::report);
  }

  private void report(RegistryEvent event) {
    if (event instanceof RegistryEvent.RetryScheduled retry) {
      listener.info(
          "retrying "
              + retry.action()
              + " on "
              + retry.registry()
              + " in "
              + retry.delay().toMillis()
              + " ms (attempt "
              + retry.attempt()
              + "): "
              + retry.reason());
    } else if (event instanceof RegistryEvent.BlobProgress progress
        && progress.transferred() == progress.total()) {
      listener.info(progress.transferred() + " bytes of " + progress.digest() + " moved");
    }
  }

  BaseImageSource baseImages() {
    return new RegistryBaseImages(client, blobs, options.registryMirror(), listener);
  }

  ImageSink sink() {
    return new RegistrySink(client, blobs, listener);
  }
}
