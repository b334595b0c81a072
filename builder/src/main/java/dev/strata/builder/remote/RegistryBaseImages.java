package dev.strata.builder.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.builder.build.BaseImage;
import dev.strata.builder.build.BaseImageSource;
import dev.strata.builder.build.BuildException;
import dev.strata.builder.build.BuildListener;
import dev.strata.builder.cache.BlobStore;
import dev.strata.builder.image.Descriptor;
import dev.strata.builder.image.ImageConfig;
import dev.strata.builder.image.InvalidReferenceException;
import dev.strata.builder.image.Reference;
import dev.strata.builder.registry.RegistryClient;
import dev.strata.builder.registry.RegistryException;
import dev.strata.builder.registry.ResolvedManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pulls base images from registries into the blob store. A layer already in the store is not
 * downloaded again; one that is missing is downloaded to a temporary file, checked against its
 * digest, and only then moved into the store.
 */
public final class RegistryBaseImages implements BaseImageSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RegistryClient client;
  private final BlobStore blobs;
  private final Optional<String> mirror;
  private final BuildListener listener;

  /**
   * @param mirror a registry that serves Docker Hub's images in its place, if any
   */
  public RegistryBaseImages(
      RegistryClient client, BlobStore blobs, Optional<String> mirror, BuildListener listener) {
    this.client = client;
    this.blobs = blobs;
    this.mirror = mirror;
    this.listener = listener;
  }

  @Override
  public BaseImage pull(String text, int line) throws BuildException {
    Reference reference;
    try {
      reference = Reference.parse(text);
    } catch (InvalidReferenceException e) {
      throw new BuildException(line, "FROM " + text + ": " + e.getMessage(), e);
    }
    if (mirror.isPresent() && reference.isDockerHub()) {
      reference = reference.mirroredTo(mirror.get());
    }
    try {
      listener.info("resolving " + reference);
      ResolvedManifest resolved = client.pullManifest(reference);
      Descriptor configDescriptor = resolved.manifest().config();
      byte[] configBytes = client.pullBlob(reference, configDescriptor);
      ImageConfig config = JSON.readValue(configBytes, ImageConfig.class);
      List<Boolean> cached = new ArrayList<>();
      for (Descriptor layer : resolved.manifest().layers()) {
        cached.add(fetch(reference, layer));
      }
      return new BaseImage(
          reference.toString(),
          reference.registry(),
          reference.repository(),
          resolved.digest(),
          config,
          resolved.manifest().layers(),
          cached);
    } catch (RegistryException e) {
      throw new BuildException(
          line, "pulling the base image " + reference + " failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new BuildException(
          line,
          "storing the base image " + reference + " in the cache failed: " + e.getMessage(),
          e);
    }
  }

  /** Makes sure a layer is in the store; true when it was there already. */
  private boolean fetch(Reference reference, Descriptor layer) throws IOException {
    if (blobs.get(layer.digest()).isPresent()) {
      listener.info("layer " + layer.digest() + " is in the cache");
      return true;
    }
    try (BlobStore.Lock lock = blobs.lock(layer.digest())) {
      return fetchLocked(reference, layer);
    }
  }

  private boolean fetchLocked(Reference reference, Descriptor layer) throws IOException {
    if (blobs.get(layer.digest()).isPresent()) {
      listener.info("layer " + layer.digest() + " was stored by another build meanwhile");
      return true;
    }
    listener.info("downloading layer " + layer.digest() + " (" + layer.size() + " bytes)");
    Path part = blobs.newTempFile();
    try {
      client.pullBlob(reference, layer, part);
      blobs.commitVerified(part, layer.digest());
    } finally {
      Files.deleteIfExists(part);
    }
    return false;
  }
}
