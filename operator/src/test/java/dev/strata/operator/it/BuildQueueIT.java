package dev.strata.operator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.strata.operator.Fixtures;
import dev.strata.operator.api.ImageBuild;
import dev.strata.operator.api.ImageBuildSpec;
import dev.strata.operator.api.ImageBuildStatus;
import dev.strata.operator.api.Phase;
import dev.strata.operator.reconciler.CleanupPolicy;
import dev.strata.operator.reconciler.Conditions;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With room for one build, a second waits as Queued until the first finishes. */
class BuildQueueIT {

  private static OperatorHarness harness;
  private static KubernetesClient client;

  @BeforeAll
  static void startOperator() {
    harness = new OperatorHarness(1, CleanupPolicy.Always);
    client = harness.client;
  }

  @AfterAll
  static void stopOperator() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void secondBuildWaitsForTheFirstAndFinishedPodsAreDeleted() {
    create("first");
    awaitPod("first-build-1");
    create("second");

    ImageBuildStatus queued =
        awaitStatus(
            "second",
            s ->
                Conditions.find(s.getConditions(), Conditions.SUCCEEDED)
                    .map(c -> "Queued".equals(c.getReason()))
                    .orElse(false));
    assertEquals(Phase.Pending, queued.getPhase());
    assertNull(client.pods().inNamespace(harness.namespace).withName("second-build-1").get());

    finish("first-build-1");

    awaitPod("second-build-1");
    awaitStatus("first", s -> s.getPhase() == Phase.Succeeded);
    Await.until(
        "the finished pod first-build-1 to be deleted (policy Always)",
        () -> client.pods().inNamespace(harness.namespace).withName("first-build-1").get() == null,
        gone -> gone);
  }

  private void create(String name) {
    ImageBuildSpec inline = Fixtures.inlineSpec("registry.local:5000/demo/" + name + ":1");
    ImageBuildSpec spec =
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
            null);
    ImageBuild build = new ImageBuild();
    build.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace(harness.namespace).build());
    build.setSpec(spec);
    client.resource(build).create();
  }

  private void awaitPod(String name) {
    Await.until(
        "build pod " + name,
        () -> client.pods().inNamespace(harness.namespace).withName(name).get(),
        p -> true);
  }

  private ImageBuildStatus awaitStatus(
      String name, java.util.function.Predicate<ImageBuildStatus> done) {
    return Await.until(
        "status of ImageBuild " + name,
        () -> {
          ImageBuild b =
              client
                  .resources(ImageBuild.class)
                  .inNamespace(harness.namespace)
                  .withName(name)
                  .get();
          return b == null ? null : b.getStatus();
        },
        s -> s.getPhase() != null && done.test(s));
  }

  private void finish(String pod) {
    client
        .pods()
        .inNamespace(harness.namespace)
        .withName(pod)
        .editStatus(
            p -> {
              p.getStatus().setPhase("Succeeded");
              p.getStatus()
                  .setContainerStatuses(
                      List.of(
                          new ContainerStatusBuilder()
                              .withName("build")
                              .withImage("registry.local:5000/strata/builder:0.1.0")
                              .withImageID("")
                              .withReady(false)
                              .withRestartCount(0)
                              .withNewState()
                              .withNewTerminated()
                              .withExitCode(0)
                              .withMessage(Fixtures.resultJson(2, 0))
                              .withFinishedAt("2026-01-01T00:01:00Z")
                              .endTerminated()
                              .endState()
                              .build()));
              return p;
            });
  }
}
