package dev.strata.builder.registry;

import dev.strata.builder.image.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;

/** Streams a blob to a file or a stream, hashing as it goes and reporting progress. */
abstract class BlobSink implements BodySink {
  private final MessageDigest sha = Digest.sha256();
  private final Progress progress;
  private long written;

  /** Reports bytes written so far. */
  interface Progress {
    void written(long bytes);
  }

  BlobSink(Progress progress) {
    this.progress = progress;
  }

  /** A sink that writes to an open file channel, which it can truncate for a retry. */
  static BlobSink toFile(FileChannel file, Progress progress) {
    return new BlobSink(progress) {
      @Override
      void put(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
          file.write(bytes);
        }
      }

      @Override
      boolean rewind() throws IOException {
        file.truncate(0);
        file.position(0);
        return true;
      }
    };
  }

  /** A sink that writes to a caller's stream; bytes given to it cannot be taken back. */
  static BlobSink toStream(OutputStream out, Progress progress) {
    return new BlobSink(progress) {
      @Override
      void put(ByteBuffer bytes) throws IOException {
        byte[] chunk = new byte[bytes.remaining()];
        bytes.get(chunk);
        out.write(chunk);
      }

      @Override
      boolean rewind() {
        return false;
      }
    };
  }

  abstract void put(ByteBuffer bytes) throws IOException;

  abstract boolean rewind() throws IOException;

  @Override
  public final void write(ByteBuffer bytes) throws IOException {
    sha.update(bytes.duplicate());
    int size = bytes.remaining();
    put(bytes);
    written += size;
    progress.written(written);
  }

  @Override
  public final boolean restart() throws IOException {
    if (written == 0) {
      return true;
    }
    if (!rewind()) {
      return false;
    }
    sha.reset();
    written = 0;
    return true;
  }

  Digest digest() {
    return Digest.fromEngine(sha);
  }

  long written() {
    return written;
  }
}
