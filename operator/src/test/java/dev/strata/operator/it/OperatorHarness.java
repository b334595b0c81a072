package dev.strata.operator.it;

import dev.strata.operator.Fixtures;
import dev.strata.operator.buildpod.BuildPodFactory;
import dev.strata.operator.buildpod.CacheClaimSettings;
import dev.strata.operator.metrics.BuildMetrics;
import dev.strata.operator.reconciler.BuildEvents;
import dev.strata.operator.reconciler.BuildPodInspector;
import dev.strata.operator.reconciler.BuildSlots;
import dev.strata.operator.reconciler.CleanupPolicy;
import dev.strata.operator.reconciler.ImageBuildReconciler;
import dev.strata.operator.reconciler.StatusFactory;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reconciler running in the test JVM against the test API server, watching one fresh namespace.
 * Container logs come from {@link #logs}, since no kubelet serves them here.
 */
final class OperatorHarness implements AutoCloseable {

  final KubernetesClient client;
  final String namespace;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final BuildSlots slots;

  /** Container logs by pod name, standing in for the kubelet behind {@code pods/log}. */
  final Map<String, String> logs = new ConcurrentHashMap<>();

  private final Operator operator;
  private final boolean ownsNamespace;
  private boolean stopped;

  OperatorHarness(int maxConcurrentBuilds, CleanupPolicy cleanupPolicy) {
    this(null, null, maxConcurrentBuilds, cleanupPolicy);
  }

  /**
   * An operator replica.
   *
   * @param sharedNamespace the namespace of another harness to watch too; a fresh one when null
   * @param election leader election, or null for none
   */
  OperatorHarness(
      OperatorHarness sharedNamespace,
      LeaderElectionConfiguration election,
      int maxConcurrentBuilds,
      CleanupPolicy cleanupPolicy) {
    client = TestApiServer.shared().client();
    installCrd(client);
    ownsNamespace = sharedNamespace == null;
    namespace =
        ownsNamespace
            ? "strata-it-" + UUID.randomUUID().toString().substring(0, 8)
            : sharedNamespace.namespace;
    if (ownsNamespace) {
      createNamespace();
    }

    Clock clock = Clock.systemUTC();
    slots = new BuildSlots(maxConcurrentBuilds);
    ImageBuildReconciler reconciler =
        new ImageBuildReconciler(
            client,
            new BuildPodFactory(Fixtures.settings()),
            new BuildPodInspector(
                (pod, container) -> logs.getOrDefault(pod.getMetadata().getName(), "")),
            new StatusFactory(clock),
            new BuildEvents(client, clock),
            slots,
            new BuildMetrics(meters, slots::queued, slots::running),
            cleanupPolicy,
            new CacheClaimSettings(
                Fixtures.CACHE_CLAIM, true, Optional.empty(), "5Gi", "ReadWriteMany"));
    operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client).withCloseClientOnStop(false);
              if (election != null) {
                o.withLeaderElectionConfiguration(election);
              }
            });
    operator.register(reconciler, c -> c.settingNamespace(namespace));
    operator.start();
  }

  /** Stops this replica's operator; the namespace stays until {@link #close()}. */
  void stopOperator() {
    if (!stopped) {
      stopped = true;
      operator.stop();
    }
  }

  @Override
  public void close() {
    stopOperator();
    if (ownsNamespace) {
      client.namespaces().withName(namespace).delete();
    }
  }

  private void createNamespace() {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                // The API server's PodSecurity admission rejects any build pod that does not
                // meet the restricted standard, so every test that gets a pod checks it too.
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                .addToLabels("pod-security.kubernetes.io/enforce-version", "latest")
                .endMetadata()
                .build())
        .create();
    // Without a controller-manager nobody creates the default ServiceAccount that pod
    // admission looks up.
    client
        .serviceAccounts()
        .inNamespace(namespace)
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName("default").endMetadata().build())
        .create();
  }

  private static synchronized void installCrd(KubernetesClient client) {
    Path generated =
        Path.of(
            System.getProperty("strata.crds.generated", "target/crds"),
            "imagebuilds.strata.dev-v1.yml");
    try (InputStream in = Files.newInputStream(generated)) {
      CustomResourceDefinition crd =
          client.apiextensions().v1().customResourceDefinitions().load(in).item();
      client.resource(crd).forceConflicts().serverSideApply();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the generated CRD " + generated, e);
    }
    Await.until(
        "the ImageBuild CRD to be established",
        () ->
            client
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("imagebuilds.strata.dev")
                .get(),
        crd ->
            crd.getStatus() != null
                && crd.getStatus().getConditions().stream()
                    .anyMatch(
                        c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())));
  }
}
