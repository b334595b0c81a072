package dev.strata.builder.registry;

import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/** A request body that notes activity for the read timeout and reports bytes sent. */
final class WatchedPublisher implements BodyPublisher {
  private final BodyPublisher delegate;
  private final Activity activity;
  private final LongConsumer sent;

  WatchedPublisher(BodyPublisher delegate, Activity activity, LongConsumer sent) {
    this.delegate = delegate;
    this.activity = activity;
    this.sent = sent;
  }

  @Override
  public long contentLength() {
    return delegate.contentLength();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    delegate.subscribe(
        new Flow.Subscriber<ByteBuffer>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscriber.onSubscribe(subscription);
          }

          @Override
          public void onNext(ByteBuffer item) {
            int size = item.remaining();
            subscriber.onNext(item);
            activity.touch();
            sent.accept(size);
          }

          @Override
          public void onError(Throwable throwable) {
            subscriber.onError(throwable);
          }

          @Override
          public void onComplete() {
            subscriber.onComplete();
          }
        });
  }
}
