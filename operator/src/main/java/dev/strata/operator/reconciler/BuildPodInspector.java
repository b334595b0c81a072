package dev.strata.operator.reconciler;

import dev.strata.operator.buildpod.BuildPodFactory;
import dev.strata.operator.result.BuildResult;
import dev.strata.operator.result.BuilderError;
import dev.strata.operator.result.ResultParser;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.List;
import java.util.Optional;

/**
 * Reads a build pod's status into a {@link PodOutcome}.
 *
 * <p>Where the result comes from: the build container writes the result JSON to its termination
 * message file, and the kubelet keeps the first 4 KiB of it in the container's terminated state.
 * That is the whole result for small images and needs no further call. A result with many layers
 * does not fit (300 layers are about 75 KB), so when the termination message does not parse as a
 * complete result the inspector reads the container log through {@code pods/log}, where the builder
 * printed the same JSON last on stdout. A failed build's {@code {"error","line"}} fits the
 * termination message; when the builder died before writing it, {@code FallbackToLogsOnError} puts
 * the log's tail there instead.
 */
public final class BuildPodInspector {

  private final ResultParser parser = new ResultParser();
  private final BuildLogReader logs;

  public BuildPodInspector(BuildLogReader logs) {
    this.logs = logs;
  }

  public PodOutcome inspect(Pod pod) {
    PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    String phase = status.getPhase() == null ? "Pending" : status.getPhase();
    return switch (phase) {
      case "Succeeded" -> succeeded(pod);
      case "Failed" -> failed(pod, status);
      case "Running" -> new PodOutcome.Running(Reasons.BUILDING, "Building the image");
      default -> pending(status);
    };
  }

  private PodOutcome succeeded(Pod pod) {
    Optional<ContainerStateTerminated> build =
        terminated(pod.getStatus().getContainerStatuses(), BuildPodFactory.BUILD_CONTAINER);
    String finishedAt = build.map(ContainerStateTerminated::getFinishedAt).orElse(null);
    Optional<BuildResult> result =
        build.map(ContainerStateTerminated::getMessage).flatMap(parser::parseResult);
    if (result.isEmpty()) {
      result = parser.lastResultIn(logs.read(pod, BuildPodFactory.BUILD_CONTAINER));
    }
    return result
        .<PodOutcome>map(r -> new PodOutcome.Succeeded(r, finishedAt))
        .orElseGet(
            () ->
                new PodOutcome.Failed(
                    Reasons.RESULT_MISSING,
                    "The builder exited successfully but its result JSON was found neither in the"
                        + " termination message nor at the end of the log of pod "
                        + pod.getMetadata().getName()
                        + "; check that the builder image runs a compatible strata CLI",
                    null,
                    finishedAt));
  }

  private PodOutcome failed(Pod pod, PodStatus status) {
    Optional<ContainerStateTerminated> source =
        terminated(status.getInitContainerStatuses(), BuildPodFactory.SOURCE_CONTAINER);
    Optional<ContainerStateTerminated> build =
        terminated(status.getContainerStatuses(), BuildPodFactory.BUILD_CONTAINER);
    String finishedAt =
        build.or(() -> source).map(ContainerStateTerminated::getFinishedAt).orElse(null);
    if ("DeadlineExceeded".equals(status.getReason())) {
      return new PodOutcome.Failed(
          Reasons.TIMEOUT,
          "The build did not finish within its timeout ("
              + pod.getSpec().getActiveDeadlineSeconds()
              + "s); raise spec.timeout or make the build faster",
          null,
          finishedAt);
    }
    if (source.isPresent() && nonZero(source.get())) {
      return new PodOutcome.Failed(
          Reasons.SOURCE_FAILED,
          "Fetching the build context failed: " + describe(source.get()),
          null,
          finishedAt);
    }
    if (build.isPresent() && nonZero(build.get())) {
      return buildFailed(pod, build.get());
    }
    String message = status.getMessage() != null ? status.getMessage() : "no reason given";
    String reason = status.getReason() != null ? status.getReason() : Reasons.POD_FAILED;
    return new PodOutcome.Failed(
        Reasons.POD_FAILED, "The build pod failed (" + reason + "): " + message, null, finishedAt);
  }

  private PodOutcome buildFailed(Pod pod, ContainerStateTerminated build) {
    if ("OOMKilled".equals(build.getReason())) {
      return new PodOutcome.Failed(
          Reasons.OUT_OF_MEMORY,
          "The builder ran out of memory; raise spec.resources.limits.memory",
          null,
          build.getFinishedAt());
    }
    BuilderError error = parser.parseError(build.getMessage());
    if (error.message() == null) {
      error = parser.parseError(logs.read(pod, BuildPodFactory.BUILD_CONTAINER));
    }
    String message =
        error.message() != null
            ? error.message()
            : "The builder exited with code " + build.getExitCode() + " and printed no message";
    return new PodOutcome.Failed(
        Reasons.BUILD_FAILED, message, error.line(), build.getFinishedAt());
  }

  private PodOutcome pending(PodStatus status) {
    Optional<ContainerStateWaiting> waiting =
        firstWaiting(status.getInitContainerStatuses())
            .or(() -> firstWaiting(status.getContainerStatuses()));
    if (waiting.isPresent() && isProblem(waiting.get().getReason())) {
      return new PodOutcome.Waiting(
          Reasons.POD_PENDING,
          "Build pod is waiting: "
              + waiting.get().getReason()
              + (waiting.get().getMessage() == null ? "" : ": " + waiting.get().getMessage()));
    }
    if (isRunning(status.getInitContainerStatuses())) {
      return new PodOutcome.Running(Reasons.FETCHING_SOURCE, "Fetching the build context");
    }
    Optional<PodCondition> unscheduled =
        conditions(status).stream()
            .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
            .findFirst();
    if (unscheduled.isPresent()) {
      return new PodOutcome.Waiting(
          Reasons.POD_PENDING, "Build pod cannot be scheduled: " + unscheduled.get().getMessage());
    }
    return new PodOutcome.Waiting(Reasons.POD_PENDING, "Build pod is starting");
  }

  private static boolean isProblem(String waitingReason) {
    return waitingReason != null
        && !"ContainerCreating".equals(waitingReason)
        && !"PodInitializing".equals(waitingReason);
  }

  private static Optional<ContainerStateTerminated> terminated(
      List<ContainerStatus> statuses, String name) {
    if (statuses == null) {
      return Optional.empty();
    }
    return statuses.stream()
        .filter(s -> name.equals(s.getName()) && s.getState() != null)
        .map(s -> s.getState().getTerminated())
        .filter(t -> t != null)
        .findFirst();
  }

  private static Optional<ContainerStateWaiting> firstWaiting(List<ContainerStatus> statuses) {
    if (statuses == null) {
      return Optional.empty();
    }
    return statuses.stream()
        .filter(s -> s.getState() != null && s.getState().getWaiting() != null)
        .map(s -> s.getState().getWaiting())
        .findFirst();
  }

  private static boolean isRunning(List<ContainerStatus> statuses) {
    return statuses != null
        && statuses.stream()
            .anyMatch(s -> s.getState() != null && s.getState().getRunning() != null);
  }

  private static List<PodCondition> conditions(PodStatus status) {
    return status.getConditions() == null ? List.of() : status.getConditions();
  }

  private static boolean nonZero(ContainerStateTerminated terminated) {
    return terminated.getExitCode() == null || terminated.getExitCode() != 0;
  }

  private String describe(ContainerStateTerminated terminated) {
    BuilderError error = parser.parseError(terminated.getMessage());
    return error.message() != null
        ? error.message()
        : "exit code " + terminated.getExitCode() + " (" + terminated.getReason() + ")";
  }
}
