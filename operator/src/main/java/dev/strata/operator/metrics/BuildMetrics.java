package dev.strata.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Build metrics: {@code strata_builds_total{outcome,reason}}, {@code
 * strata_build_duration_seconds}, {@code strata_build_layers_total{cached}}, {@code
 * strata_builds_queued} and {@code strata_builds_running}. Each finished build is counted once,
 * when its final status is written.
 */
public final class BuildMetrics {

  private final MeterRegistry registry;

  public BuildMetrics(MeterRegistry registry, Supplier<Number> queued, Supplier<Number> running) {
    this.registry = registry;
    // Strong references: the registry would otherwise hold the suppliers weakly and drop them.
    Gauge.builder("strata.builds.queued", queued, s -> s.get().doubleValue())
        .description("ImageBuilds waiting for a free build slot")
        .strongReference(true)
        .register(registry);
    Gauge.builder("strata.builds.running", running, s -> s.get().doubleValue())
        .description("Build pods holding a slot")
        .strongReference(true)
        .register(registry);
  }

  /** A build reached a final phase. */
  public void finished(String outcome, String reason, Duration duration) {
    Counter.builder("strata.builds")
        .description("Finished builds by outcome and reason")
        .tag("outcome", outcome)
        .tag("reason", reason)
        .register(registry)
        .increment();
    if (duration != null && !duration.isNegative()) {
      Timer.builder("strata.build.duration")
          .description("Time from build pod creation to the final status")
          .tag("outcome", outcome)
          .register(registry)
          .record(duration);
    }
  }

  /** Layers of a successful build: reused ones are cache hits. */
  public void layers(long cached, long built) {
    layerCounter("true").increment(cached);
    layerCounter("false").increment(built);
  }

  private Counter layerCounter(String cached) {
    return Counter.builder("strata.build.layers")
        .description("Layers of successful builds; cached=true counts cache hits")
        .tag("cached", cached)
        .register(registry);
  }
}
