package dev.strata.builder.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;

/**
 * Sends one registry request: follows redirects, retries by the {@link RetryPolicy}, enforces the
 * read timeout, and turns network failures into the registry exception of their cause. It knows
 * nothing of authentication beyond passing an Authorization header along.
 */
final class Exchanger {
  /** Manifests and token answers are small; distribution caps manifests at 4 MiB. */
  static final int HELD_BODY_LIMIT = 8 << 20;

  private static final int ERROR_BODY_LIMIT = 64 << 10;
  private static final int MAX_REDIRECTS = 5;

  private final HttpClient http;
  private final ClientSettings settings;
  private final RetryPolicy retryPolicy;
  private final RegistryListener listener;
  private final Endpoints endpoints;

  Exchanger(
      ClientSettings settings,
      RetryPolicy retryPolicy,
      RegistryListener listener,
      Endpoints endpoints) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.settings = settings;
    this.retryPolicy = retryPolicy;
    this.listener = listener;
    this.endpoints = endpoints;
  }

  Endpoints endpoints() {
    return endpoints;
  }

  /**
   * Sends the request until it gets an answer that is not worth retrying, or the attempts run out.
   *
   * @param authorization the Authorization header value, or null
   * @param sink where a successful body goes, or null to hold it in the response
   */
  RegistryResponse send(RegistryRequest request, String authorization, BodySink sink) {
    // A PATCH appends to an upload session: after a failure the registry may hold part of the
    // chunk, and sending it again would be refused as out of range. It fails at once instead;
    // the caller may push the blob again from the start.
    RetryPolicy policy = request.method().equals("PATCH") ? RetryPolicy.none() : retryPolicy;
    for (int attempt = 1; ; attempt++) {
      try {
        RegistryResponse response = followingRedirects(request, authorization, sink);
        if (!policy.retriesStatus(response.status())) {
          return response;
        }
        Optional<Duration> wait = policy.delayAfter(attempt, response.retryAfter());
        if (wait.isEmpty()) {
          return response;
        }
        pause(request, attempt, wait.get(), response.said());
      } catch (Retryable failure) {
        Optional<Duration> wait =
            restart(sink) ? policy.delayAfter(attempt, Optional.empty()) : Optional.empty();
        if (wait.isEmpty()) {
          throw failure.error;
        }
        pause(request, attempt, wait.get(), failure.error.getMessage());
      }
    }
  }

  private static boolean restart(BodySink sink) {
    try {
      return sink == null || sink.restart();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot reset the download target for a retry", e);
    }
  }

  private void pause(RegistryRequest request, int attempt, Duration wait, String reason) {
    listener.onEvent(
        new RegistryEvent.RetryScheduled(
            request.registry(), request.action(), attempt, wait, reason));
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryInterruptedException(request.registry(), request.action(), e);
    }
  }

  private RegistryResponse followingRedirects(
      RegistryRequest request, String authorization, BodySink sink) {
    URI uri = request.uri();
    String auth = authorization;
    for (int hop = 0; ; hop++) {
      RegistryResponse response = once(request, uri, auth, sink);
      Optional<String> location = response.header("Location");
      if (!isRedirect(response.status())
          || location.isEmpty()
          || !request.isIdempotentRead()
          || hop == MAX_REDIRECTS) {
        return response;
      }
      URI next = uri.resolve(location.get());
      // Blob downloads are often redirected to a storage service: the registry's credentials
      // must not follow them there.
      if (!sameOrigin(uri, next)) {
        auth = null;
      }
      uri = next;
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme())
        && Objects.equals(a.getHost(), b.getHost())
        && a.getPort() == b.getPort();
  }

  private RegistryResponse once(RegistryRequest request, URI uri, String auth, BodySink sink) {
    Activity activity = new Activity();
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).method(request.method(), publisher(request, activity));
    if ("http".equals(uri.getScheme())) {
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    request.headers().forEach(builder::header);
    if (auth != null) {
      builder.header("Authorization", auth);
    }

    AtomicReference<WatchedBody> body = new AtomicReference<>();
    BodyHandler<byte[]> handler =
        info -> {
          boolean success = info.statusCode() >= 200 && info.statusCode() < 300;
          WatchedBody watched =
              success
                  ? new WatchedBody(sink, HELD_BODY_LIMIT, true, activity)
                  : new WatchedBody(null, ERROR_BODY_LIMIT, false, activity);
          body.set(watched);
          return watched;
        };
    CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(builder.build(), handler);
    HttpResponse<byte[]> response = await(request, uri, future, activity, body);
    return new RegistryResponse(response.statusCode(), response.headers(), response.body(), uri);
  }

  private static HttpRequest.BodyPublisher publisher(RegistryRequest request, Activity activity) {
    HttpRequest.BodyPublisher body =
        request.body() == null ? BodyPublishers.noBody() : request.body().get();
    return new WatchedPublisher(body, activity, sent -> {});
  }

  private HttpResponse<byte[]> await(
      RegistryRequest request,
      URI uri,
      CompletableFuture<HttpResponse<byte[]>> future,
      Activity activity,
      AtomicReference<WatchedBody> body) {
    long readTimeout = settings.readTimeout().toNanos();
    long tick = Math.max(10, Math.min(250, settings.readTimeout().toMillis()));
    while (true) {
      try {
        return future.get(tick, TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillWaiting) {
        if (activity.idleNanos() > readTimeout) {
          future.cancel(true);
          WatchedBody watched = body.get();
          if (watched != null) {
            watched.cancel();
          }
          throw new Retryable(timeout(request, uri));
        }
      } catch (ExecutionException e) {
        throw classify(request, uri, e.getCause());
      } catch (InterruptedException e) {
        future.cancel(true);
        Thread.currentThread().interrupt();
        throw new RegistryInterruptedException(request.registry(), request.action(), e);
      }
    }
  }

  private RegistryTimeoutException timeout(RegistryRequest request, URI uri) {
    return new RegistryTimeoutException(
        request.registry(),
        "Registry "
            + request.registry()
            + " stopped answering while trying to "
            + request.action()
            + " ("
            + request.method()
            + " "
            + uri
            + "): nothing moved for "
            + settings.readTimeout().toSeconds()
            + " s. Check the network to the registry, or raise the read timeout for slow links.");
  }

  private RuntimeException classify(RegistryRequest request, URI uri, Throwable failure) {
    String registry = request.registry();
    String attempt = "Cannot reach registry " + registry + " to " + request.action() + " ";
    if (has(failure, WatchedBody.SinkFailure.class)) {
      return new UncheckedIOException(
          "Cannot store what registry " + registry + " sent while trying to " + request.action(),
          find(failure, WatchedBody.SinkFailure.class));
    }
    if (has(failure, UnresolvedAddressException.class)
        || has(failure, UnknownHostException.class)) {
      return new RegistryUnreachableException(
          registry,
          attempt
              + ": host "
              + uri.getHost()
              + " is unknown. Check the registry name in the image reference, and the"
              + " machine's DNS.",
          failure);
    }
    if (has(failure, HttpConnectTimeoutException.class)) {
      return new RegistryUnreachableException(
          registry,
          attempt
              + "at "
              + uri
              + ": no connection within "
              + settings.connectTimeout().toSeconds()
              + " s. Check that the registry is running and that no firewall drops the traffic.",
          failure);
    }
    if (has(failure, ConnectException.class)) {
      return new RegistryUnreachableException(
          registry,
          attempt
              + "at "
              + uri
              + ": connection refused. Check the host and port, and that the registry is"
              + " running.",
          failure);
    }
    if (has(failure, SSLException.class)) {
      return new RegistryUnreachableException(
          registry,
          attempt
              + "at "
              + uri
              + ": the TLS handshake failed ("
              + find(failure, SSLException.class).getMessage()
              + "). If "
              + registry
              + " serves plain HTTP, mark it insecure (--insecure-registry "
              + registry
              + "); if its certificate comes from a private CA, add that CA to the trust store.",
          failure);
    }
    if (has(failure, WatchedBody.TooLarge.class)) {
      return new RegistryResponseException(
          registry,
          200,
          "Registry "
              + registry
              + " sent more than "
              + HELD_BODY_LIMIT
              + " bytes while trying to "
              + request.action()
              + "; that is not a manifest or token. Check the registry address.");
    }
    if (has(failure, HttpTimeoutException.class)) {
      return new Retryable(timeout(request, uri));
    }
    if (failure instanceof IOException || has(failure, IOException.class)) {
      return new Retryable(
          new ConnectionLostException(
              registry,
              "Lost the connection to registry "
                  + registry
                  + " while trying to "
                  + request.action()
                  + " ("
                  + request.method()
                  + " "
                  + uri
                  + "): "
                  + failure.getMessage()
                  + ". Try again; if it keeps happening, check proxies between here and the"
                  + " registry.",
              failure));
    }
    return failure instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException("Unexpected failure talking to " + registry, failure);
  }

  private static boolean has(Throwable failure, Class<? extends Throwable> type) {
    return find(failure, type) != null;
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** A failure worth another attempt, carrying the error to throw when there is none. */
  private static final class Retryable extends RuntimeException {
    private final RegistryException error;

    Retryable(RegistryException error) {
      super(error.getMessage(), error, false, false);
      this.error = error;
    }
  }
}
