package dev.strata.operator.reconciler;

import dev.strata.operator.api.BuildFailure;
import dev.strata.operator.api.BuildWarning;
import dev.strata.operator.api.ImageBuildStatus;
import dev.strata.operator.api.Phase;
import dev.strata.operator.result.BuildResult;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Derives the next status from the previous one and what was observed. Results of an older
 * generation are dropped: status always describes {@code observedGeneration}.
 */
public final class StatusFactory {

  private final Clock clock;

  public StatusFactory(Clock clock) {
    this.clock = clock;
  }

  /** A build pod was created for {@code generation}. */
  public ImageBuildStatus started(ImageBuildStatus previous, long generation, String podName) {
    ImageBuildStatus next = base(previous, generation);
    next.setBuildPod(podName);
    next.setStartTime(now());
    return pending(next, generation, Reasons.POD_CREATED, "Created build pod " + podName);
  }

  /** No build pod yet: waiting for a free slot or for the source to appear. */
  public ImageBuildStatus waiting(
      ImageBuildStatus previous, long generation, String reason, String message) {
    return pending(base(previous, generation), generation, reason, message);
  }

  /** The spec cannot be built as written; no pod is made. */
  public ImageBuildStatus rejected(
      ImageBuildStatus previous, long generation, String reason, String message) {
    ImageBuildStatus next = base(previous, generation);
    return failed(next, generation, new PodOutcome.Failed(reason, message, null, null));
  }

  /** The build pod of {@code generation} was observed in the state {@code outcome}. */
  public ImageBuildStatus observed(
      ImageBuildStatus previous, long generation, String podName, PodOutcome outcome) {
    ImageBuildStatus next = base(previous, generation);
    next.setBuildPod(podName);
    if (outcome instanceof PodOutcome.Waiting w) {
      return pending(next, generation, w.reason(), w.message());
    }
    if (outcome instanceof PodOutcome.Running r) {
      next.setPhase(Phase.Building);
      next.setConditions(
          Conditions.with(
              next.getConditions(),
              Conditions.SUCCEEDED,
              "Unknown",
              r.reason(),
              r.message(),
              generation,
              now()));
      return next;
    }
    if (outcome instanceof PodOutcome.Succeeded s) {
      return succeeded(next, generation, s);
    }
    return failed(next, generation, (PodOutcome.Failed) outcome);
  }

  private ImageBuildStatus pending(
      ImageBuildStatus next, long generation, String reason, String message) {
    next.setPhase(Phase.Pending);
    next.setConditions(
        Conditions.with(
            next.getConditions(),
            Conditions.SUCCEEDED,
            "Unknown",
            reason,
            message,
            generation,
            now()));
    return next;
  }

  private ImageBuildStatus succeeded(
      ImageBuildStatus next, long generation, PodOutcome.Succeeded outcome) {
    BuildResult result = outcome.result();
    next.setPhase(Phase.Succeeded);
    next.setImage(result.image());
    next.setDigest(result.digest());
    next.setBaseImage(result.baseImage());
    next.setLayers(new ArrayList<>(result.layers()));
    next.setWarnings(new ArrayList<>(result.warnings()));
    next.setFailure(null);
    next.setCompletionTime(finishedAt(next, outcome.finishedAt()));
    String message =
        "Pushed "
            + result.image()
            + " ("
            + result.layers().size()
            + " layers, "
            + result.cachedLayerCount()
            + " reused)";
    next.setConditions(
        Conditions.with(
            next.getConditions(),
            Conditions.SUCCEEDED,
            "True",
            Reasons.PUSHED,
            message,
            generation,
            now()));
    next.setConditions(warningsCondition(next.getConditions(), result.warnings(), generation));
    return next;
  }

  private ImageBuildStatus failed(
      ImageBuildStatus next, long generation, PodOutcome.Failed outcome) {
    next.setPhase(Phase.Failed);
    next.setFailure(new BuildFailure(outcome.reason(), outcome.message(), outcome.line()));
    next.setCompletionTime(finishedAt(next, outcome.finishedAt()));
    String message =
        outcome.line() == null || outcome.message().startsWith("Dockerfile line ")
            ? outcome.message()
            : "Dockerfile line " + outcome.line() + ": " + outcome.message();
    next.setConditions(
        Conditions.with(
            next.getConditions(),
            Conditions.SUCCEEDED,
            "False",
            outcome.reason(),
            message,
            generation,
            now()));
    return next;
  }

  private List<io.fabric8.kubernetes.api.model.Condition> warningsCondition(
      List<io.fabric8.kubernetes.api.model.Condition> conditions,
      List<BuildWarning> warnings,
      long generation) {
    if (warnings.isEmpty()) {
      return Conditions.with(
          conditions,
          Conditions.DOCKERFILE_WARNINGS,
          "False",
          Reasons.NO_WARNINGS,
          "The builder found nothing to warn about",
          generation,
          now());
    }
    String message =
        warnings.stream()
            .map(w -> w.line() == null ? w.message() : "line " + w.line() + ": " + w.message())
            .collect(Collectors.joining("; "));
    return Conditions.with(
        conditions,
        Conditions.DOCKERFILE_WARNINGS,
        "True",
        Reasons.DOCKERFILE_WARNINGS,
        message,
        generation,
        now());
  }

  /**
   * A copy of {@code previous} when it describes {@code generation}; otherwise a fresh status that
   * keeps only the conditions, so their transition times stay meaningful.
   */
  private static ImageBuildStatus base(ImageBuildStatus previous, long generation) {
    ImageBuildStatus next = new ImageBuildStatus();
    next.setObservedGeneration(generation);
    if (previous == null) {
      return next;
    }
    next.setConditions(new ArrayList<>(previous.getConditions()));
    if (previous.getObservedGeneration() == null
        || previous.getObservedGeneration() != generation) {
      next.setConditions(Conditions.without(next.getConditions(), Conditions.DOCKERFILE_WARNINGS));
      return next;
    }
    next.setPhase(previous.getPhase());
    next.setImage(previous.getImage());
    next.setDigest(previous.getDigest());
    next.setBaseImage(previous.getBaseImage());
    next.setLayers(new ArrayList<>(previous.getLayers()));
    next.setWarnings(new ArrayList<>(previous.getWarnings()));
    next.setFailure(previous.getFailure());
    next.setStartTime(previous.getStartTime());
    next.setCompletionTime(previous.getCompletionTime());
    next.setBuildPod(previous.getBuildPod());
    return next;
  }

  private String finishedAt(ImageBuildStatus next, String reported) {
    if (next.getCompletionTime() != null) {
      return next.getCompletionTime();
    }
    return reported != null ? reported : now();
  }

  String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
