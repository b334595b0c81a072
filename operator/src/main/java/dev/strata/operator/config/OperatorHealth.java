package dev.strata.operator.config;

import io.javaoperatorsdk.operator.RuntimeInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Probes. Ready once the operator has started (a replica waiting for the leader lease is ready too,
 * so rollouts finish); live while its informers are healthy, so a replica whose watches broke is
 * restarted.
 */
public final class OperatorHealth {

  private OperatorHealth() {}

  /** Readiness: the operator has started. */
  @Readiness
  @ApplicationScoped
  public static class Started implements HealthCheck {

    private final OperatorLifecycle lifecycle;

    public Started(OperatorLifecycle lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
      boolean started = lifecycle.runtimeInfo().map(RuntimeInfo::isStarted).orElse(false);
      return HealthCheckResponse.named("operator-started").status(started).build();
    }
  }

  /** Liveness: no event source (informer) reports itself unhealthy. */
  @Liveness
  @ApplicationScoped
  public static class Informers implements HealthCheck {

    private final OperatorLifecycle lifecycle;

    public Informers(OperatorLifecycle lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
      Optional<RuntimeInfo> info = lifecycle.runtimeInfo();
      if (info.isEmpty() || !info.get().isStarted()) {
        return HealthCheckResponse.named("informers").up().build();
      }
      boolean healthy = info.get().allEventSourcesAreHealthy();
      return HealthCheckResponse.named("informers")
          .status(healthy)
          .withData("unhealthy", healthy ? "" : info.get().unhealthyEventSources().toString())
          .build();
    }
  }
}
