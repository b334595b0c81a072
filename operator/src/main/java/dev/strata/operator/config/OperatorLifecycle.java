package dev.strata.operator.config;

import dev.strata.operator.buildpod.BuildPodFactory;
import dev.strata.operator.buildpod.BuildPodSettings;
import dev.strata.operator.buildpod.CacheClaimSettings;
import dev.strata.operator.metrics.BuildMetrics;
import dev.strata.operator.reconciler.BuildEvents;
import dev.strata.operator.reconciler.BuildPodInspector;
import dev.strata.operator.reconciler.BuildSlots;
import dev.strata.operator.reconciler.ImageBuildReconciler;
import dev.strata.operator.reconciler.KubernetesBuildLogReader;
import dev.strata.operator.reconciler.StatusFactory;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the java-operator-sdk {@link Operator} with Quarkus and stops it on shutdown. */
@ApplicationScoped
public class OperatorLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorLifecycle.class);

  private final KubernetesClient client;
  private final StrataConfig config;
  private final MeterRegistry registry;
  private static final Duration LEASE_DURATION = Duration.ofSeconds(15);
  private static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
  private static final Duration RETRY_PERIOD = Duration.ofSeconds(2);

  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile Operator operator;

  public OperatorLifecycle(KubernetesClient client, StrataConfig config, MeterRegistry registry) {
    this.client = client;
    this.config = config;
    this.registry = registry;
  }

  void onStart(@Observes StartupEvent event) {
    Clock clock = Clock.systemUTC();
    BuildSlots slots = new BuildSlots(config.maxConcurrentBuilds());
    ImageBuildReconciler reconciler =
        new ImageBuildReconciler(
            client,
            new BuildPodFactory(podSettings(config)),
            new BuildPodInspector(new KubernetesBuildLogReader(client)),
            new StatusFactory(clock),
            new BuildEvents(client, clock),
            slots,
            new BuildMetrics(registry, slots::queued, slots::running),
            config.cleanupPolicy(),
            cacheSettings(config));

    Operator created =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withConcurrentReconciliationThreads(config.reconcileThreads());
              if (config.leaderElection().enabled()) {
                o.withLeaderElectionConfiguration(leaderElection());
              }
            });
    Optional<List<String>> namespaces = config.watchNamespaces();
    created.register(
        reconciler,
        c -> {
          if (namespaces.isPresent() && !namespaces.get().isEmpty()) {
            c.settingNamespaces(new HashSet<>(namespaces.get()));
          }
        });
    created.start();
    operator = created;
    LOG.info(
        "Strata operator started: namespaces {}, builder image {}, at most {} builds at once",
        namespaces.map(Object::toString).orElse("all"),
        config.builder().image(),
        config.maxConcurrentBuilds());
  }

  /**
   * The java-operator-sdk default calls {@code System.exit} when the lease is lost, which deadlocks
   * when it happens inside Quarkus' own shutdown (SIGTERM releases the lease too). So this replica
   * asks Quarkus to exit instead, unless it is already stopping.
   */
  private LeaderElectionConfiguration leaderElection() {
    String identity =
        Optional.ofNullable(System.getenv("HOSTNAME")).orElse("strata-operator")
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    LeaderCallbacks callbacks =
        new LeaderCallbacks(
            () -> LOG.info("Became leader as {}; building", identity),
            this::onLeaseLost,
            leader -> LOG.info("Leader is {}", leader));
    return new LeaderElectionConfiguration(
        config.leaderElection().leaseName(),
        config.leaderElection().leaseNamespace().orElse(null),
        LEASE_DURATION,
        RENEW_DEADLINE,
        RETRY_PERIOD,
        identity,
        callbacks,
        false);
  }

  private void onLeaseLost() {
    if (stopping.get()) {
      return;
    }
    LOG.error("Lost the leader lease; exiting so that this replica restarts as a follower");
    Quarkus.asyncExit(1);
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping.set(true);
    if (operator != null) {
      operator.stop();
    }
  }

  /** The running operator's state; empty before start-up finished. */
  public Optional<RuntimeInfo> runtimeInfo() {
    return Optional.ofNullable(operator).map(Operator::getRuntimeInfo);
  }

  static CacheClaimSettings cacheSettings(StrataConfig config) {
    return new CacheClaimSettings(
        config.cache().claimName().filter(s -> !s.isBlank()),
        config.cache().provision(),
        config.cache().storageClass().filter(s -> !s.isBlank()),
        config.cache().size(),
        config.cache().accessMode());
  }

  static BuildPodSettings podSettings(StrataConfig config) {
    ResourceRequirements resources =
        new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity(config.builder().cpuRequest()))
            .addToRequests("memory", new Quantity(config.builder().memory()))
            .addToLimits("memory", new Quantity(config.builder().memory()))
            .build();
    return new BuildPodSettings(
        config.builder().image(),
        config.builder().imagePullPolicy(),
        config.builder().runAsUser(),
        config.defaultTimeout(),
        resources);
  }
}
