package dev.strata.builder.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.builder.image.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Remembers which layer a build step made, keyed by everything the step depends on, so an unchanged
 * step reuses its layer without running. Entries live beside the blobs and are written like them:
 * to a temporary file, then renamed.
 */
public final class StepCache {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BlobStore blobs;
  private final Path steps;

  /** The layer a step made. */
  public record Entry(Digest digest, Digest diffId, long size) {}

  public StepCache(BlobStore blobs) throws IOException {
    this.blobs = blobs;
    this.steps = blobs.root().resolve("steps");
    Files.createDirectories(steps);
  }

  /** The recorded layer for {@code key}, if its blob is still in the store. */
  public Optional<Entry> lookup(Digest key) throws IOException {
    Path file = steps.resolve(key.hex() + ".json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Entry entry;
    try {
      entry = JSON.readValue(file.toFile(), Entry.class);
    } catch (IOException e) {
      return Optional.empty();
    }
    return blobs.contains(entry.digest()) ? Optional.of(entry) : Optional.empty();
  }

  public void record(Digest key, Entry entry) throws IOException {
    Path part = blobs.newTempFile();
    JSON.writeValue(part.toFile(), entry);
    Files.move(
        part,
        steps.resolve(key.hex() + ".json"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }
}
