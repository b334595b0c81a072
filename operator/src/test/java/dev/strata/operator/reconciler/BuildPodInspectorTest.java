package dev.strata.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.operator.Fixtures;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildPodInspectorTest {

  /** The kubelet keeps at most this much of a termination message. */
  private static final int TERMINATION_MESSAGE_CAP = 4096;

  private final List<String> logReads = new ArrayList<>();

  private BuildPodInspector inspectorWithLog(String log) {
    return new BuildPodInspector(
        (pod, container) -> {
          logReads.add(container);
          return log;
        });
  }

  @Test
  void smallResultIsTakenFromTheTerminationMessageWithoutReadingTheLog() {
    Pod pod = pod("Succeeded", null, terminated("build", 0, null, Fixtures.resultJson(3, 1)));

    PodOutcome outcome = inspectorWithLog("unused").inspect(pod);

    PodOutcome.Succeeded succeeded = assertInstanceOf(PodOutcome.Succeeded.class, outcome);
    assertEquals(3, succeeded.result().layers().size());
    assertEquals(List.of(), logReads);
  }

  @Test
  void threeHundredLayerResultCutByTheKubeletIsReadFromTheLog() {
    String json = Fixtures.resultJson(300, 2);
    assertTrue(json.length() > TERMINATION_MESSAGE_CAP, "fixture must exceed the cap");
    Pod pod =
        pod(
            "Succeeded",
            null,
            terminated("build", 0, null, json.substring(0, TERMINATION_MESSAGE_CAP)));

    PodOutcome outcome = inspectorWithLog("Step 1/300 : FROM busybox\n" + json + "\n").inspect(pod);

    PodOutcome.Succeeded succeeded = assertInstanceOf(PodOutcome.Succeeded.class, outcome);
    assertEquals(300, succeeded.result().layers().size());
    assertEquals(Fixtures.digest(299), succeeded.result().layers().get(299).digest());
    assertEquals(List.of("build"), logReads);
  }

  @Test
  void successWithoutAnyResultIsAFailure() {
    Pod pod = pod("Succeeded", null, terminated("build", 0, null, ""));

    PodOutcome.Failed failed =
        assertInstanceOf(PodOutcome.Failed.class, inspectorWithLog("done\n").inspect(pod));
    assertEquals(Reasons.RESULT_MISSING, failed.reason());
  }

  @Test
  void builderErrorCarriesTheDockerfileLine() {
    Pod pod =
        pod(
            "Failed",
            null,
            terminated(
                "build", 1, "Error", "{\"error\":\"RUN cat /nope: exit status 1\",\"line\":3}"));

    PodOutcome.Failed failed =
        assertInstanceOf(PodOutcome.Failed.class, inspectorWithLog("").inspect(pod));
    assertEquals(Reasons.BUILD_FAILED, failed.reason());
    assertEquals("RUN cat /nope: exit status 1", failed.message());
    assertEquals(3, failed.line());
  }

  @Test
  void builderThatDiedWithoutAResultFileIsDescribedByItsLogTail() {
    String tail = "Step 2/4 : COPY x /\nerror: Dockerfile line 2: COPY x: not found in context\n";
    Pod pod = pod("Failed", null, terminated("build", 2, "Error", tail));

    PodOutcome.Failed failed =
        assertInstanceOf(PodOutcome.Failed.class, inspectorWithLog("").inspect(pod));
    assertEquals("error: Dockerfile line 2: COPY x: not found in context", failed.message());
    assertEquals(2, failed.line());
  }

  @Test
  void deadlineExceededIsATimeout() {
    Pod pod = pod("Failed", "DeadlineExceeded", null);
    pod.getSpec().setActiveDeadlineSeconds(600L);

    PodOutcome.Failed failed =
        assertInstanceOf(PodOutcome.Failed.class, inspectorWithLog("").inspect(pod));
    assertEquals(Reasons.TIMEOUT, failed.reason());
    assertTrue(failed.message().contains("600s"), failed.message());
  }

  @Test
  void outOfMemoryAsksForMoreMemory() {
    Pod pod = pod("Failed", null, terminated("build", 137, "OOMKilled", ""));

    PodOutcome.Failed failed =
        assertInstanceOf(PodOutcome.Failed.class, inspectorWithLog("").inspect(pod));
    assertEquals(Reasons.OUT_OF_MEMORY, failed.reason());
  }

  @Test
  void failedSourceFetchIsASourceFailure() {
    Pod pod = pod("Failed", null, null);
    pod.getStatus()
        .setInitContainerStatuses(
            List.of(
                terminated(
                    "source", 128, "Error", "fatal: repository 'https://git.local/x/' not found")));

    PodOutcome.Failed failed =
        assertInstanceOf(PodOutcome.Failed.class, inspectorWithLog("").inspect(pod));
    assertEquals(Reasons.SOURCE_FAILED, failed.reason());
    assertTrue(failed.message().contains("repository 'https://git.local/x/' not found"));
  }

  @Test
  void imagePullProblemIsReportedWhilePending() {
    Pod pod = pod("Pending", null, null);
    pod.getStatus()
        .setInitContainerStatuses(
            List.of(
                new ContainerStatusBuilder()
                    .withName("source")
                    .withNewState()
                    .withNewWaiting()
                    .withReason("ImagePullBackOff")
                    .withMessage("Back-off pulling image strata/builder:latest")
                    .endWaiting()
                    .endState()
                    .build()));

    PodOutcome.Waiting waiting =
        assertInstanceOf(PodOutcome.Waiting.class, inspectorWithLog("").inspect(pod));
    assertTrue(waiting.message().contains("ImagePullBackOff"), waiting.message());
  }

  @Test
  void runningPodIsBuilding() {
    assertInstanceOf(
        PodOutcome.Running.class, inspectorWithLog("").inspect(pod("Running", null, null)));
  }

  private static Pod pod(String phase, String reason, ContainerStatus build) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("app-build-1")
        .withNamespace("ns")
        .endMetadata()
        .withNewSpec()
        .endSpec()
        .withNewStatus()
        .withPhase(phase)
        .withReason(reason)
        .withContainerStatuses(build == null ? List.of() : List.of(build))
        .endStatus()
        .build();
  }

  static ContainerStatus terminated(String name, int exitCode, String reason, String message) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withNewState()
        .withNewTerminated()
        .withExitCode(exitCode)
        .withReason(reason)
        .withMessage(message)
        .withFinishedAt("2026-01-01T00:01:00Z")
        .endTerminated()
        .endState()
        .build();
  }
}
