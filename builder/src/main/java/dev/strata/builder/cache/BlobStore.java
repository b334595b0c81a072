package dev.strata.builder.cache;

import dev.strata.builder.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Content-addressable blobs in a directory that many builds, in many processes and on many nodes,
 * may share: {@code blobs/sha256/<hex>}.
 *
 * <p>A blob is written to a private temporary file and renamed into place, so a reader sees a whole
 * blob or none. Two builds writing the same blob both succeed; the content is the same. Every read
 * checks the content against its name; a blob that fails is removed and counts as missing, so a
 * torn or tampered file is fetched again rather than used.
 */
public final class BlobStore {
  private final Path root;
  private final Path blobs;
  private final Path temp;

  public BlobStore(Path root) throws IOException {
    this.root = root.toAbsolutePath();
    this.blobs = this.root.resolve("blobs/sha256");
    this.temp = this.root.resolve("tmp");
    Files.createDirectories(blobs);
    Files.createDirectories(temp);
  }

  public Path root() {
    return root;
  }

  /** A new empty file on the store's filesystem, to be filled and then {@link #commit}ted. */
  public Path newTempFile() throws IOException {
    return Files.createTempFile(temp, "blob-", ".part");
  }

  /**
   * Moves a filled temporary file into place under {@code digest}, after checking it.
   *
   * @throws IOException when the content does not match the digest; the file is deleted
   */
  public Path commit(Path tempFile, Digest digest) throws IOException {
    Digest actual = Digest.of(tempFile);
    if (!actual.equals(digest)) {
      Files.deleteIfExists(tempFile);
      throw new IOException(
          "content written for blob " + digest + " hashes to " + actual + "; not stored");
    }
    return commitVerified(tempFile, digest);
  }

  /** Moves into place a file whose digest the caller computed while writing it. */
  public Path commitVerified(Path tempFile, Digest digest) throws IOException {
    Path target = pathOf(digest);
    try {
      Files.move(tempFile, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      // Another build stored the same content first; theirs is as good as ours.
      Files.deleteIfExists(tempFile);
    }
    return target;
  }

  /** Stores {@code in}'s bytes under their digest. */
  public Digest put(InputStream in) throws IOException {
    Path part = newTempFile();
    try {
      Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
      Digest digest = Digest.of(part);
      commitVerified(part, digest);
      return digest;
    } finally {
      Files.deleteIfExists(part);
    }
  }

  public Digest put(byte[] bytes) throws IOException {
    return put(new java.io.ByteArrayInputStream(bytes));
  }

  /** The blob's file if it is present and whole; a damaged one is removed. */
  public Optional<Path> get(Digest digest) throws IOException {
    Path path = pathOf(digest);
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    if (!Digest.of(path).equals(digest)) {
      Files.deleteIfExists(path);
      return Optional.empty();
    }
    return Optional.of(path);
  }

  /**
   * Holds an exclusive lock on one digest across every process that shares the store, so that
   * builds starting together fetch a missing blob once: the others wait, then find it stored. The
   * lock is an advisory file lock, which a shared volume (NFS and the like) may not honour; then
   * two builds may both fetch the blob, which costs time but never correctness.
   */
  public Lock lock(Digest digest) throws IOException {
    Path lockFile = root.resolve("locks").resolve(digest.hex());
    Files.createDirectories(lockFile.getParent());
    FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      return new Lock(channel.lock());
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** A held lock on one digest; closing it releases the lock and its file handle. */
  public record Lock(FileLock held) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      held.channel().close();
    }
  }

  /** Present, without reading the content (for a quick answer; {@link #get} verifies). */
  public boolean contains(Digest digest) {
    return Files.isRegularFile(pathOf(digest));
  }

  public Path pathOf(Digest digest) {
    return blobs.resolve(digest.hex());
  }
}
