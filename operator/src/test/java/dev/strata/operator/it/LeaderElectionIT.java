package dev.strata.operator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.operator.Fixtures;
import dev.strata.operator.api.ImageBuild;
import dev.strata.operator.api.ImageBuildSpec;
import dev.strata.operator.buildpod.BuildPodNames;
import dev.strata.operator.reconciler.CleanupPolicy;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two replicas: only the lease holder builds, and the other takes over when it stops. */
class LeaderElectionIT {

  private static final String LEASE = "strata-operator-it";

  /** Closed in reverse order, so the namespace owner goes last. */
  private final List<OperatorHarness> harnesses = new ArrayList<>();

  @AfterEach
  void stop() {
    for (int i = harnesses.size() - 1; i >= 0; i--) {
      harnesses.get(i).close();
    }
  }

  @Test
  void onlyTheLeaderBuildsAndTheOtherReplicaTakesOver() {
    // The first harness provides the namespace; its own, unelected operator is stopped at once.
    OperatorHarness owner = track(new OperatorHarness(4, CleanupPolicy.Never));
    owner.stopOperator();
    KubernetesClient client = owner.client;
    String namespace = owner.namespace;
    Map<String, OperatorHarness> replicas =
        Map.of(
            "replica-a",
                track(
                    new OperatorHarness(
                        owner, election(namespace, "replica-a"), 4, CleanupPolicy.Never)),
            "replica-b",
                track(
                    new OperatorHarness(
                        owner, election(namespace, "replica-b"), 4, CleanupPolicy.Never)));
    String leader = awaitHolder(client, namespace, h -> replicas.containsKey(h));

    create(client, namespace, "one");
    awaitPod(client, namespace, "one-build-1");
    assertEquals(1, buildPods(client, namespace, "one").size(), "exactly one build pod");

    replicas.get(leader).stopOperator();
    String next = awaitHolder(client, namespace, h -> replicas.containsKey(h) && !h.equals(leader));

    create(client, namespace, "two");
    awaitPod(client, namespace, "two-build-1");
    assertEquals(1, buildPods(client, namespace, "two").size(), next + " built two");
    assertEquals(1, buildPods(client, namespace, "one").size(), next + " did not rebuild one");
  }

  private OperatorHarness track(OperatorHarness harness) {
    harnesses.add(harness);
    return harness;
  }

  private static LeaderElectionConfiguration election(String namespace, String identity) {
    // Short lease so the takeover happens within the test's wait; no exit on losing the lease,
    // which the production default does to restart a replica that lost it.
    return new LeaderElectionConfiguration(
        LEASE,
        namespace,
        Duration.ofSeconds(4),
        Duration.ofSeconds(3),
        Duration.ofMillis(500),
        identity,
        null,
        false);
  }

  private static String awaitHolder(
      KubernetesClient client, String namespace, java.util.function.Predicate<String> done) {
    Lease lease =
        Await.until(
            "lease " + LEASE + " holder",
            () -> client.leases().inNamespace(namespace).withName(LEASE).get(),
            l -> l.getSpec() != null && done.test(l.getSpec().getHolderIdentity()));
    return lease.getSpec().getHolderIdentity();
  }

  private static void create(KubernetesClient client, String namespace, String name) {
    ImageBuildSpec inline = Fixtures.inlineSpec("registry.local:5000/demo/" + name + ":1");
    ImageBuild build = new ImageBuild();
    build.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    build.setSpec(
        new ImageBuildSpec(
            inline.source(),
            null,
            null,
            null,
            inline.destinations(),
            null,
            null,
            null,
            null,
            null,
            Map.of("strata.dev/it", "no-such-node"),
            null));
    client.resource(build).create();
  }

  private static void awaitPod(KubernetesClient client, String namespace, String name) {
    Await.until(
        "build pod " + name,
        () -> client.pods().inNamespace(namespace).withName(name).get(),
        p -> true);
  }

  private static List<Pod> buildPods(KubernetesClient client, String namespace, String build) {
    String uid =
        client
            .resources(ImageBuild.class)
            .inNamespace(namespace)
            .withName(build)
            .get()
            .getMetadata()
            .getUid();
    return client
        .pods()
        .inNamespace(namespace)
        .withLabel(BuildPodNames.OWNER_UID_LABEL, uid)
        .list()
        .getItems();
  }
}
