package dev.strata.builder.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Receives a response body, noting activity for the read timeout, and either streams it to a sink
 * or holds up to a limit. Beyond the limit a held body fails ({@code failWhenFull}) or the rest is
 * dropped, which suits error bodies that are only quoted in messages.
 */
final class WatchedBody implements BodySubscriber<byte[]> {
  private final BodySink sink;
  private final int limit;
  private final boolean failWhenFull;
  private final Activity activity;
  private final ByteArrayOutputStream held = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private volatile Flow.Subscription subscription;

  WatchedBody(BodySink sink, int limit, boolean failWhenFull, Activity activity) {
    this.sink = sink;
    this.limit = limit;
    this.failWhenFull = failWhenFull;
    this.activity = activity;
  }

  /** A local failure of the sink, kept apart from network failures so it is never retried. */
  static final class SinkFailure extends IOException {
    SinkFailure(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** A held body that grew past its limit. */
  static final class TooLarge extends IOException {
    TooLarge(int limit) {
      super("the response is larger than " + limit + " bytes");
    }
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    activity.touch();
    try {
      for (ByteBuffer buffer : buffers) {
        accept(buffer);
      }
    } catch (IOException e) {
      subscription.cancel();
      result.completeExceptionally(e);
      return;
    }
    subscription.request(1);
  }

  private void accept(ByteBuffer buffer) throws IOException {
    if (sink != null) {
      try {
        sink.write(buffer);
      } catch (IOException e) {
        throw new SinkFailure(e);
      }
      return;
    }
    int room = limit - held.size();
    if (buffer.remaining() > room && failWhenFull) {
      throw new TooLarge(limit);
    }
    int take = Math.min(room, buffer.remaining());
    byte[] bytes = new byte[take];
    buffer.get(bytes);
    held.write(bytes, 0, take);
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(held.toByteArray());
  }

  void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }
}
