package dev.strata.builder.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.builder.build.BuildException;
import dev.strata.builder.build.ImageSink;
import dev.strata.builder.cache.BlobStore;
import dev.strata.builder.image.Descriptor;
import dev.strata.builder.image.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes images into an OCI image layout directory (image-layout.md): blobs by digest, and an
 * index.json entry per tag, named by the {@code org.opencontainers.image.ref.name} annotation. The
 * index is rewritten last, so it never names an image whose blobs are missing.
 */
public final class OciLayoutSink implements ImageSink {
  private static final String REF_NAME = "org.opencontainers.image.ref.name";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path layout;
  private final BlobStore blobs;

  public OciLayoutSink(Path layout, BlobStore blobs) {
    this.layout = layout;
    this.blobs = blobs;
  }

  @Override
  public void check(String destination) throws BuildException {
    if (tagOf(destination).isEmpty()) {
      throw new BuildException(0, "--destination " + destination + " has an empty tag");
    }
  }

  @Override
  public void storeBlobs(String destination, FinishedImage image) throws BuildException {
    try {
      Files.createDirectories(layout.resolve("blobs/sha256"));
      Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      List<Descriptor> blobsToCopy = new ArrayList<>(image.layers());
      blobsToCopy.add(image.config());
      for (Descriptor blob : blobsToCopy) {
        copyBlob(blob.digest());
      }
    } catch (IOException e) {
      throw new BuildException(
          0, "writing the image to the OCI layout " + layout + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String publish(String destination, FinishedImage image) throws BuildException {
    try {
      Digest manifest = Digest.of(image.manifest());
      Path target = layout.resolve("blobs/sha256/" + manifest.hex());
      Files.write(target, image.manifest());
      writeIndex(destination, image, manifest);
      return destination + "@" + manifest;
    } catch (IOException e) {
      throw new BuildException(
          0, "writing the image to the OCI layout " + layout + " failed: " + e.getMessage(), e);
    }
  }

  private void copyBlob(Digest digest) throws IOException {
    Path target = layout.resolve("blobs/sha256/" + digest.hex());
    if (Files.exists(target)) {
      return;
    }
    Path source =
        blobs
            .get(digest)
            .orElseThrow(() -> new IOException("blob " + digest + " is missing from the cache"));
    Path part = Files.createTempFile(layout.resolve("blobs/sha256"), ".part-", "");
    Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
  }

  private void writeIndex(String destination, FinishedImage image, Digest manifest)
      throws IOException {
    Path indexFile = layout.resolve("index.json");
    ObjectNode index;
    if (Files.exists(indexFile)) {
      index = (ObjectNode) JSON.readTree(indexFile.toFile());
    } else {
      index = JSON.createObjectNode();
      index.put("schemaVersion", 2);
      index.put("mediaType", "application/vnd.oci.image.index.v1+json");
      index.putArray("manifests");
    }
    String tag = tagOf(destination);
    ArrayNode kept = JSON.createArrayNode();
    for (JsonNode entry : index.withArray("manifests")) {
      if (!tag.equals(entry.path("annotations").path(REF_NAME).asText())) {
        kept.add(entry);
      }
    }
    ObjectNode entry = kept.addObject();
    entry.put("mediaType", image.manifestMediaType());
    entry.put("digest", manifest.toString());
    entry.put("size", image.manifest().length);
    entry.putObject("annotations").put(REF_NAME, tag);
    index.set("manifests", kept);
    Path part = Files.createTempFile(layout, ".index-", ".json");
    JSON.writerWithDefaultPrettyPrinter().writeValue(part.toFile(), index);
    Files.move(
        part, indexFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The tag part of a destination ({@code latest} when it has none), the layout's ref name. */
  static String tagOf(String destination) {
    int slash = destination.lastIndexOf('/');
    int colon = destination.lastIndexOf(':');
    return colon > slash ? destination.substring(colon + 1) : "latest";
  }
}
