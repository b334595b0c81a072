package dev.strata.builder.registry;

import dev.strata.builder.image.Descriptor;
import dev.strata.builder.image.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Uploads a blob from a file: open a session (POST), then either send it whole with the closing
 * PUT, or, from the chunking threshold on, in PATCH chunks followed by an empty closing PUT. The
 * registry checks the digest given in the PUT against what it received.
 */
final class BlobUpload {
  private final RegistryHttp http;
  private final BlobCheck check;
  private final ClientSettings settings;
  private final RegistryListener listener;

  BlobUpload(
      RegistryHttp http, BlobCheck check, ClientSettings settings, RegistryListener listener) {
    this.http = http;
    this.check = check;
    this.settings = settings;
    this.listener = listener;
  }

  /** Uploads into a new session. */
  void upload(Reference target, Descriptor blob, Path file) {
    upload(target, blob, file, start(target, blob));
  }

  /** Uploads into a session already open, such as the one a refused mount opened. */
  void upload(Reference target, Descriptor blob, Path file, URI session) {
    long size = size(file);
    if (blob.size() != size) {
      throw new IllegalArgumentException(
          "Cannot upload "
              + file
              + " as blob "
              + blob.digest()
              + ": the file has "
              + size
              + " bytes, the descriptor says "
              + blob.size());
    }
    URI location = session;
    if (size >= settings.chunkedUploadThreshold()) {
      location = sendChunks(target, blob, file, location, size);
      finish(target, blob, location, null, 0);
    } else {
      finish(target, blob, location, slice(file, 0, size, target, blob), size);
    }
  }

  private URI start(Reference target, Descriptor blob) {
    RegistryRequest request =
        request(target, blob, "POST", http.endpoints().uploads(target.registry(), repo(target)));
    RegistryResponse response = http.send(request);
    if (response.status() != 202) {
      throw Failures.unexpected(request, response);
    }
    return location(request, response);
  }

  private URI sendChunks(Reference target, Descriptor blob, Path file, URI location, long size) {
    URI next = location;
    for (long offset = 0; offset < size; offset += settings.chunkSize()) {
      long length = Math.min(settings.chunkSize(), size - offset);
      RegistryRequest request =
          request(target, blob, "PATCH", next)
              .withHeader("Content-Type", "application/octet-stream")
              .withHeader("Content-Range", offset + "-" + (offset + length - 1))
              .withBody(slice(file, offset, length, target, blob));
      RegistryResponse response = http.send(request);
      if (response.status() != 202) {
        throw Failures.unexpected(request, response);
      }
      next = location(request, response);
    }
    return next;
  }

  private void finish(
      Reference target, Descriptor blob, URI location, Supplier<BodyPublisher> body, long size) {
    URI uri = Endpoints.withQuery(location, "digest=" + Endpoints.encode(blob.digest().toString()));
    RegistryRequest request =
        request(target, blob, "PUT", uri).withHeader("Content-Type", "application/octet-stream");
    if (body != null) {
      request = request.withBody(body);
    }
    RegistryResponse response = http.send(request);
    if (response.status() == 201 || response.status() == 204) {
      return;
    }
    // A PUT whose answer was lost is retried, and then finds its session closed: the blob may
    // well be there already.
    if (response.status() == 404 && check.exists(target, blob.digest(), Scope.push(repo(target)))) {
      return;
    }
    throw Failures.unexpected(request, response);
  }

  private Supplier<BodyPublisher> slice(
      Path file, long offset, long length, Reference target, Descriptor blob) {
    AtomicLong sent = new AtomicLong();
    return () -> {
      sent.set(offset);
      BodyPublisher stream =
          BodyPublishers.fromPublisher(
              BodyPublishers.ofInputStream(() -> open(file, offset, length)), length);
      return new WatchedPublisher(
          stream,
          new Activity(),
          n ->
              listener.onEvent(
                  new RegistryEvent.BlobProgress(
                      target.registry(), blob.digest(), sent.addAndGet(n), blob.size())));
    };
  }

  private static InputStream open(Path file, long offset, long length) {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      channel.position(offset);
      return new BoundedInputStream(Channels.newInputStream(channel), length);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " for upload", e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " for upload", e);
    }
  }

  private RegistryRequest request(Reference target, Descriptor blob, String method, URI uri) {
    return RegistryRequest.of(
        method,
        uri,
        target.registry(),
        repo(target),
        Scope.push(repo(target)),
        "push blob " + blob.digest() + " to " + target.registry() + "/" + repo(target));
  }

  private static String repo(Reference target) {
    return target.repository();
  }

  private static URI location(RegistryRequest request, RegistryResponse response) {
    return response
        .header("Location")
        .map(response.uri()::resolve)
        .orElseThrow(
            () ->
                new RegistryResponseException(
                    request.registry(),
                    response.status(),
                    "Could not "
                        + request.action()
                        + ": registry "
                        + request.registry()
                        + " opened no upload session (no Location header). It does not follow"
                        + " the distribution API; tell its operator."));
  }

  /** Reads at most {@code limit} bytes of a stream. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long left;

    BoundedInputStream(InputStream in, long limit) {
      this.in = in;
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
