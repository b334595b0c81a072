package dev.strata.builder.registry;

import java.util.concurrent.atomic.AtomicLong;

/** When bytes last moved in an exchange, either way; the read timeout is measured from it. */
final class Activity {
  private final AtomicLong lastNanos = new AtomicLong(System.nanoTime());

  void touch() {
    lastNanos.set(System.nanoTime());
  }

  long idleNanos() {
    return System.nanoTime() - lastNanos.get();
  }
}
