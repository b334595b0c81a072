package dev.strata.operator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BuildMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final BuildMetrics metrics = new BuildMetrics(registry, queued::get, running::get);

  @Test
  void finishedBuildsAreCountedByOutcomeAndReason() {
    metrics.finished("succeeded", "Pushed", Duration.ofSeconds(40));
    metrics.finished("failed", "BuildFailed", Duration.ofSeconds(5));
    metrics.finished("failed", "BuildFailed", null);

    assertEquals(
        1.0,
        registry
            .get("strata.builds")
            .tags("outcome", "succeeded", "reason", "Pushed")
            .counter()
            .count());
    assertEquals(
        2.0,
        registry
            .get("strata.builds")
            .tags("outcome", "failed", "reason", "BuildFailed")
            .counter()
            .count());
    assertEquals(
        40.0,
        registry
            .get("strata.build.duration")
            .tag("outcome", "succeeded")
            .timer()
            .totalTime(java.util.concurrent.TimeUnit.SECONDS));
  }

  @Test
  void cachedLayersAreCacheHits() {
    metrics.layers(3, 2);

    assertEquals(3.0, registry.get("strata.build.layers").tag("cached", "true").counter().count());
    assertEquals(2.0, registry.get("strata.build.layers").tag("cached", "false").counter().count());
  }

  @Test
  void gaugesFollowQueueAndRunningBuildsEvenAfterGarbageCollection() {
    queued.set(7);
    running.set(4);
    System.gc();

    assertEquals(7.0, registry.get("strata.builds.queued").gauge().value());
    assertEquals(4.0, registry.get("strata.builds.running").gauge().value());
  }
}
