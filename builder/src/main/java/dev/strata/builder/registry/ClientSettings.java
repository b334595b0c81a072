package dev.strata.builder.registry;

import java.time.Duration;

/**
 * Tunables of a {@link RegistryClient}.
 *
 * @param connectTimeout the longest wait for a connection to open
 * @param readTimeout the longest time a request may go without a byte moving either way; it bounds
 *     stalls, not the length of a big transfer
 * @param chunkedUploadThreshold blobs at least this large are uploaded in chunks (PATCH), smaller
 *     ones in a single PUT
 * @param chunkSize the size of one upload chunk
 */
public record ClientSettings(
    Duration connectTimeout, Duration readTimeout, long chunkedUploadThreshold, long chunkSize) {

  public ClientSettings {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be positive, was " + chunkSize);
    }
  }

  /** 10 s to connect, 60 s of silence, chunks of 16 MiB for blobs of 64 MiB and more. */
  public static ClientSettings defaults() {
    return new ClientSettings(Duration.ofSeconds(10), Duration.ofSeconds(60), 64L << 20, 16L << 20);
  }

  public ClientSettings withTimeouts(Duration connect, Duration read) {
    return new ClientSettings(connect, read, chunkedUploadThreshold, chunkSize);
  }

  public ClientSettings withChunking(long threshold, long size) {
    return new ClientSettings(connectTimeout, readTimeout, threshold, size);
  }
}
