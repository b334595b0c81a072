package dev.strata.builder.registry;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a registry request again, and how long to wait first.
 *
 * <p>Retried: 429 (rate limited), every 5xx, and a connection that broke or stalled mid-exchange.
 * Not retried: any other 4xx, since asking again gets the same answer (a wrong password stays
 * wrong, and retrying a 401 also risks locking the account); a refused connection or an unknown
 * host, since that is a configuration error far more often than a blip, and the user should hear
 * about it at once rather than after a minute of back-off.
 *
 * <p>The wait doubles from {@code initialDelay} up to {@code maxDelay}, with up to {@code jitter}
 * of it (a fraction) taken off at random so that many builders that failed together do not all come
 * back together. A {@code Retry-After} from the registry replaces the computed wait, unless it asks
 * for longer than {@code maxDelay}: then the request is not retried, since a build that silently
 * sleeps for many minutes looks hung; the error names the wait instead.
 *
 * @param maxAttempts total attempts, the first included; 1 means no retries
 */
public record RetryPolicy(
    int maxAttempts, Duration initialDelay, Duration maxDelay, double jitter) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be within [0, 1], was " + jitter);
    }
  }

  /** Five attempts, waiting about 0.5, 1, 2 and 4 seconds between them. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30), 0.2);
  }

  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0);
  }

  /** Whether a response with this status is worth another attempt. */
  public boolean retriesStatus(int status) {
    return status == 429 || (status >= 500 && status <= 599);
  }

  /**
   * The wait before attempt {@code failedAttempts + 1}, or empty when there is to be none: the
   * attempts are used up, or the registry's Retry-After is longer than {@code maxDelay}.
   */
  public Optional<Duration> delayAfter(int failedAttempts, Optional<Duration> retryAfter) {
    if (failedAttempts >= maxAttempts) {
      return Optional.empty();
    }
    if (retryAfter.isPresent()) {
      return retryAfter.get().compareTo(maxDelay) <= 0 ? retryAfter : Optional.empty();
    }
    long base = initialDelay.toMillis() << Math.min(failedAttempts - 1, 20);
    long capped = Math.min(base, maxDelay.toMillis());
    long cut = (long) (capped * jitter * ThreadLocalRandom.current().nextDouble());
    return Optional.of(Duration.ofMillis(capped - cut));
  }

  /** Reads a Retry-After value: delay seconds or an HTTP date; empty when absent or unreadable. */
  public static Optional<Duration> parseRetryAfter(String value, ZonedDateTime now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.trim();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(now, at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
