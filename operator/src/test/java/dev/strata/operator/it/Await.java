package dev.strata.operator.it;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds or a timeout passes; never a fixed sleep. */
final class Await {

  static final Duration DEFAULT = Duration.ofSeconds(30);

  private Await() {}

  /**
   * Returns the first value from {@code probe} that satisfies {@code done}.
   *
   * @throws AssertionError naming {@code what} and the last value seen, after {@link #DEFAULT}
   */
  static <T> T until(String what, Supplier<T> probe, Predicate<T> done) {
    Instant deadline = Instant.now().plus(DEFAULT);
    T last = null;
    while (Instant.now().isBefore(deadline)) {
      last = probe.get();
      if (last != null && done.test(last)) {
        return last;
      }
      TestApiServer.pause(Duration.ofMillis(200));
    }
    throw new AssertionError(
        "timed out after " + DEFAULT + " waiting for " + what + "; last: " + last);
  }
}
