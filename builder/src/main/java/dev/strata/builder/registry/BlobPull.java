package dev.strata.builder.registry;

import dev.strata.builder.image.Descriptor;
import dev.strata.builder.image.Digest;
import dev.strata.builder.image.Reference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Downloads a blob, verifying its sha256 while it streams. A file is written beside the target
 * under a temporary name and moved into place only once its digest checks out.
 */
final class BlobPull {
  /** Blobs read into memory (configs) may not be larger than this. */
  static final long MAX_IN_MEMORY = 16L << 20;

  private final RegistryHttp http;
  private final RegistryListener listener;

  BlobPull(RegistryHttp http, RegistryListener listener) {
    this.http = http;
    this.listener = listener;
  }

  void toFile(Reference repository, Descriptor blob, Path target) {
    Path dir = target.toAbsolutePath().getParent();
    Path partial = null;
    try {
      Files.createDirectories(dir);
      partial = Files.createTempFile(dir, "." + target.getFileName(), ".partial");
      try (FileChannel file = FileChannel.open(partial, StandardOpenOption.WRITE)) {
        BlobSink sink = BlobSink.toFile(file, progress(repository, blob));
        fetch(repository, blob, sink);
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      partial = null;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write blob " + blob.digest() + " of " + repository + " to " + target, e);
    } finally {
      deleteQuietly(partial);
    }
  }

  /**
   * Streams a blob to {@code out}. On a digest mismatch the bytes are already written: the caller
   * must discard what it received.
   */
  void toStream(Reference repository, Descriptor blob, OutputStream out) {
    fetch(repository, blob, BlobSink.toStream(out, progress(repository, blob)));
  }

  byte[] toBytes(Reference repository, Descriptor blob) {
    if (blob.size() > MAX_IN_MEMORY) {
      throw new IllegalArgumentException(
          "Blob "
              + blob.digest()
              + " is "
              + blob.size()
              + " bytes, too large to hold in memory; fetch it to a file instead");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.max(blob.size(), 0));
    toStream(repository, blob, bytes);
    return bytes.toByteArray();
  }

  private void fetch(Reference repository, Descriptor blob, BlobSink sink) {
    String registry = repository.registry();
    String name = repository.repository();
    Digest digest = blob.digest();
    RegistryRequest request =
        RegistryRequest.of(
            "GET",
            http.endpoints().blob(registry, name, digest),
            registry,
            name,
            Scope.pull(name),
            "pull blob " + digest + " of " + registry + "/" + name);
    RegistryResponse response = http.send(request, sink);
    if (response.status() == 404) {
      throw new BlobUnknownException(registry, name, digest, response.said());
    }
    if (!response.isSuccess()) {
      throw Failures.unexpected(request, response);
    }

    Digest actual = sink.digest();
    if (!actual.equals(digest)) {
      throw new DigestMismatchException(registry, name, "Blob " + digest, digest, actual);
    }
  }

  private BlobSink.Progress progress(Reference repository, Descriptor blob) {
    return written ->
        listener.onEvent(
            new RegistryEvent.BlobProgress(
                repository.registry(), blob.digest(), written, blob.size()));
  }

  private static void deleteQuietly(Path partial) {
    if (partial == null) {
      return;
    }
    try {
      Files.deleteIfExists(partial);
    } catch (IOException e) {
      // The download already failed with its own error; a leftover temp file is the lesser
      // problem, and its ".partial" name marks it for cleanup.
    }
  }
}
