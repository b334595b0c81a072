package dev.strata.operator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.operator.Fixtures;
import dev.strata.operator.api.ImageBuild;
import dev.strata.operator.api.ImageBuildSpec;
import dev.strata.operator.api.ImageBuildStatus;
import dev.strata.operator.api.InlineFile;
import dev.strata.operator.api.Phase;
import dev.strata.operator.api.Source;
import dev.strata.operator.reconciler.CleanupPolicy;
import dev.strata.operator.reconciler.Conditions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reconciler against a real API server. The pods it creates never run (no kubelet, or a node
 * selector no node matches on a full cluster); each test plays the kubelet by writing the pod's
 * status.
 */
class ImageBuildReconcilerIT {

  /** Keeps build pods off any real node when the tests run on a full cluster. */
  private static final Map<String, String> NO_NODE = Map.of("strata.dev/it", "no-such-node");

  private static OperatorHarness harness;
  private static KubernetesClient client;

  @BeforeAll
  static void startOperator() {
    harness = new OperatorHarness(4, CleanupPolicy.Never);
    client = harness.client;
  }

  @AfterAll
  static void stopOperator() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void createsARestrictedBuildPodOwnedByTheImageBuild() {
    ImageBuild build = create("restricted");

    Pod pod = awaitPod("restricted-build-1");

    assertEquals(
        build.getMetadata().getUid(), pod.getMetadata().getOwnerReferences().get(0).getUid());
    assertEquals(true, pod.getMetadata().getOwnerReferences().get(0).getController());
    assertEquals(false, pod.getSpec().getAutomountServiceAccountToken());
    assertEquals(true, pod.getSpec().getSecurityContext().getRunAsNonRoot());
    assertEquals(
        "RuntimeDefault", pod.getSpec().getSecurityContext().getSeccompProfile().getType());
    var build0 = pod.getSpec().getContainers().get(0);
    assertEquals(false, build0.getSecurityContext().getAllowPrivilegeEscalation());
    assertEquals(true, build0.getSecurityContext().getReadOnlyRootFilesystem());
    assertEquals(List.of("ALL"), build0.getSecurityContext().getCapabilities().getDrop());
    assertEquals("build", build0.getArgs().get(0));
    assertTrue(
        build0.getArgs().contains("registry.local:5000/demo/restricted:1"),
        build0.getArgs().toString());
    assertEquals(1800L, pod.getSpec().getActiveDeadlineSeconds());
    Map<String, Volume> volumes =
        pod.getSpec().getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
    assertEquals("strata-cache", volumes.get("cache").getPersistentVolumeClaim().getClaimName());
    var claim =
        client
            .persistentVolumeClaims()
            .inNamespace(harness.namespace)
            .withName("strata-cache")
            .get();
    assertEquals(List.of("ReadWriteMany"), claim.getSpec().getAccessModes());
    assertTrue(claim.getMetadata().getOwnerReferences().isEmpty(), "the cache outlives builds");
    assertEquals("restricted-source-1", volumes.get("source").getConfigMap().getName());

    ConfigMap source =
        client.configMaps().inNamespace(harness.namespace).withName("restricted-source-1").get();
    assertEquals(Fixtures.WHILE_SH, source.getData().get("file-2"));
    assertEquals(
        build.getMetadata().getUid(), source.getMetadata().getOwnerReferences().get(0).getUid());

    ImageBuildStatus status = awaitStatus("restricted", s -> s.getPhase() == Phase.Pending);
    assertEquals("restricted-build-1", status.getBuildPod());
    assertEquals("Unknown", succeeded(status).getStatus());
  }

  @Test
  void finishedPodBecomesSucceededStatusWithDigestAndLayers() {
    create("pushed");
    awaitPod("pushed-build-1");

    finishPod("pushed-build-1", "Succeeded", 0, Fixtures.resultJson(3, 1));

    ImageBuildStatus status = awaitStatus("pushed", s -> s.getPhase() == Phase.Succeeded);
    assertEquals(Fixtures.digest(999), status.getDigest());
    assertEquals(3, status.getLayers().size());
    assertEquals(Fixtures.digest(0), status.getLayers().get(0).digest());
    assertEquals(true, status.getLayers().get(0).cached());
    assertEquals(1L, status.getObservedGeneration());
    assertEquals("True", succeeded(status).getStatus());
    assertEquals("Pushed", succeeded(status).getReason());
    List<String> reasons =
        Await.until(
            "events PodCreated and Pushed",
            () -> events("pushed").stream().map(Event::getReason).toList(),
            r -> r.contains("PodCreated") && r.contains("Pushed"));
    assertTrue(reasons.contains("Pushed"));
  }

  @Test
  void threeHundredLayerResultTravelsThroughTheLog() {
    create("big");
    awaitPod("big-build-1");
    String json = Fixtures.resultJson(300, 5);
    harness.logs.put("big-build-1", "Step 1/301 : FROM busybox\n" + json + "\n");

    finishPod("big-build-1", "Succeeded", 0, json.substring(0, 4096));

    ImageBuildStatus status = awaitStatus("big", s -> s.getPhase() == Phase.Succeeded);
    assertEquals(300, status.getLayers().size());
    for (int i = 0; i < 300; i++) {
      assertEquals(Fixtures.digest(i), status.getLayers().get(i).digest(), "layer " + i);
    }
  }

  @Test
  void failedBuildCarriesTheBuildersMessageAndLine() {
    create("broken");
    awaitPod("broken-build-1");

    finishPod(
        "broken-build-1",
        "Failed",
        1,
        "{\"error\":\"RUN cat /hello.txt: cat: can't open '/hello.txt': No such file\","
            + "\"line\":3}");

    ImageBuildStatus status = awaitStatus("broken", s -> s.getPhase() == Phase.Failed);
    assertEquals("False", succeeded(status).getStatus());
    assertEquals("BuildFailed", succeeded(status).getReason());
    assertEquals(
        "Dockerfile line 3: RUN cat /hello.txt: cat: can't open '/hello.txt': No such file",
        succeeded(status).getMessage());
    assertEquals(3, status.getFailure().line());
    Await.until(
        "a Warning event BuildFailed",
        () -> events("broken"),
        e ->
            e.stream()
                .anyMatch(
                    x -> "Warning".equals(x.getType()) && "BuildFailed".equals(x.getReason())));
  }

  @Test
  void newGenerationReplacesTheRunningPod() {
    create("regen");
    awaitPod("regen-build-1");

    // A merge patch of the spec, as kubectl would send; no resourceVersion, so the operator's
    // concurrent status writes cannot make it conflict.
    resource("regen")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"buildArgs\":{\"VERSION\":\"2\"}}}");

    Pod second = awaitPod("regen-build-2");
    assertTrue(second.getSpec().getContainers().get(0).getArgs().contains("VERSION=2"));
    Await.until(
        "pod regen-build-1 to be deleted",
        () -> client.pods().inNamespace(harness.namespace).withName("regen-build-1").get() == null,
        gone -> gone);
    ImageBuildStatus status = awaitStatus("regen", s -> s.getObservedGeneration() == 2L);
    assertEquals("regen-build-2", status.getBuildPod());
  }

  @Test
  void deletingTheImageBuildCancelsItsPod() {
    create("cancel");
    awaitPod("cancel-build-1");

    resource("cancel").delete();

    Await.until(
        "the build pod to be deleted",
        () -> client.pods().inNamespace(harness.namespace).withName("cancel-build-1").get() == null,
        gone -> gone);
    Await.until(
        "the ImageBuild to be gone (finalizer removed)",
        () -> resource("cancel").get() == null,
        gone -> gone);
  }

  @Test
  void inlineSourceTooLargeForAConfigMapFailsAndFreesItsSlot() {
    List<InlineFile> files = new ArrayList<>(Fixtures.busyboxWhileFiles());
    files.add(new InlineFile("big.txt", "x".repeat(1_200_000), null));
    int runningBefore = harness.slots.running();
    create("oversized", new Source(files, null, null));

    ImageBuildStatus status = awaitStatus("oversized", s -> s.getPhase() == Phase.Failed);

    assertEquals("InvalidSource", status.getFailure().reason());
    assertTrue(status.getFailure().message().contains("1 MiB"), status.getFailure().message());
    assertEquals(runningBefore, harness.slots.running(), "the slot taken for it is free again");
  }

  private ImageBuild create(String name) {
    return create(name, Fixtures.inlineSpec("registry.local:5000/demo/" + name + ":1").source());
  }

  private ImageBuild create(String name, Source source) {
    ImageBuildSpec inline = Fixtures.inlineSpec("registry.local:5000/demo/" + name + ":1");
    ImageBuildSpec spec =
        new ImageBuildSpec(
            source,
            null,
            inline.buildArgs(),
            null,
            inline.destinations(),
            null,
            inline.insecureRegistries(),
            null,
            null,
            null,
            NO_NODE,
            null);
    ImageBuild build = new ImageBuild();
    build.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace(harness.namespace).build());
    build.setSpec(spec);
    return client.resource(build).create();
  }

  private Resource<ImageBuild> resource(String name) {
    return client.resources(ImageBuild.class).inNamespace(harness.namespace).withName(name);
  }

  private Pod awaitPod(String name) {
    return Await.until(
        "build pod " + name,
        () -> client.pods().inNamespace(harness.namespace).withName(name).get(),
        p -> true);
  }

  private ImageBuildStatus awaitStatus(
      String name, java.util.function.Predicate<ImageBuildStatus> done) {
    return Await.until(
        "status of ImageBuild " + name,
        () -> {
          ImageBuild b = resource(name).get();
          return b == null ? null : b.getStatus();
        },
        s -> s.getPhase() != null && done.test(s));
  }

  /** Writes what the kubelet would write when the build container ends. */
  private void finishPod(String name, String phase, int exitCode, String terminationMessage) {
    client
        .pods()
        .inNamespace(harness.namespace)
        .withName(name)
        .editStatus(
            p -> {
              p.getStatus().setPhase(phase);
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
                              .withExitCode(exitCode)
                              .withReason(exitCode == 0 ? "Completed" : "Error")
                              .withMessage(terminationMessage)
                              .withStartedAt("2026-01-01T00:00:05Z")
                              .withFinishedAt("2026-01-01T00:01:00Z")
                              .endTerminated()
                              .endState()
                              .build()));
              return p;
            });
  }

  private List<Event> events(String name) {
    return client.v1().events().inNamespace(harness.namespace).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  private static io.fabric8.kubernetes.api.model.Condition succeeded(ImageBuildStatus status) {
    return Conditions.find(status.getConditions(), Conditions.SUCCEEDED).orElseThrow();
  }
}
