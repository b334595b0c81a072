package dev.strata.builder.remote;

import dev.strata.builder.build.BuildException;
import dev.strata.builder.build.BuildListener;
import dev.strata.builder.build.ImageSink;
import dev.strata.builder.cache.BlobStore;
import dev.strata.builder.image.Descriptor;
import dev.strata.builder.image.Digest;
import dev.strata.builder.image.Reference;
import dev.strata.builder.registry.RegistryClient;
import dev.strata.builder.registry.RegistryException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pushes images to registries: every blob first (skipped when present, mounted from the base
 * image's repository when on the same registry), the manifest under the tag last, so the tag never
 * names an image the registry cannot serve whole.
 */
public final class RegistrySink implements ImageSink {
  private final RegistryClient client;
  private final BlobStore blobs;
  private final BuildListener listener;

  public RegistrySink(RegistryClient client, BlobStore blobs, BuildListener listener) {
    this.client = client;
    this.blobs = blobs;
    this.listener = listener;
  }

  @Override
  public void check(String destination) throws BuildException {
    parse(destination);
  }

  private static Reference parse(String destination) throws BuildException {
    try {
      Reference target = Reference.parse(destination);
      int colon = target.registry().lastIndexOf(':');
      if (colon > 0 && target.registry().indexOf(']') < colon) {
        int port = Integer.parseInt(target.registry().substring(colon + 1));
        if (port < 1 || port > 65535) {
          throw new BuildException(
              0, "--destination " + destination + " has port " + port + ", outside 1-65535");
        }
      }
      if (target.digest().isPresent()) {
        throw new BuildException(
            0,
            "--destination "
                + destination
                + " names a digest; "
                + "give a tag, the digest is the build's result");
      }
      return target;
    } catch (IllegalArgumentException e) {
      throw new BuildException(
          0,
          "--destination "
              + destination
              + " is not a valid image "
              + "reference: "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public void storeBlobs(String destination, FinishedImage image) throws BuildException {
    Reference target = parse(destination);
    Optional<Reference> mountFrom =
        Optional.ofNullable(image.base())
            .map(b -> Reference.parse(b.registry() + "/" + b.repository()));
    List<Descriptor> blobList = new ArrayList<>(image.layers());
    blobList.add(image.config());
    try {
      for (Descriptor blob : blobList) {
        Path file =
            blobs
                .get(blob.digest())
                .orElseThrow(
                    () -> new IOException("blob " + blob.digest() + " is missing from the cache"));
        RegistryClient.PushOutcome outcome = client.pushBlob(target, blob, file, mountFrom);
        listener.info(
            outcome.name().toLowerCase().replace('_', ' ')
                + ": "
                + blob.digest()
                + " ("
                + blob.size()
                + " bytes) to "
                + target.registry()
                + "/"
                + target.repository());
      }
    } catch (RegistryException e) {
      throw new BuildException(0, "pushing to " + destination + " failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new BuildException(0, "pushing to " + destination + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String publish(String destination, FinishedImage image) throws BuildException {
    Reference target = parse(destination);
    try {
      Digest digest = client.pushManifest(target, image.manifestMediaType(), image.manifest());
      listener.info("pushed " + target + "@" + digest);
      return Reference.of(target.registry(), target.repository(), null, digest).toString();
    } catch (RegistryException e) {
      throw new BuildException(
          0, "pushing the manifest to " + destination + " failed: " + e.getMessage(), e);
    }
  }
}
