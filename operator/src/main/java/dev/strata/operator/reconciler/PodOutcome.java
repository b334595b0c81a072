package dev.strata.operator.reconciler;

import dev.strata.operator.result.BuildResult;

/** What a build pod says about the build, as read by {@link BuildPodInspector}. */
public sealed interface PodOutcome {

  /** Not started yet: scheduling, pulling the builder image, mounting volumes. */
  record Waiting(String reason, String message) implements PodOutcome {}

  /** Fetching the source or building. */
  record Running(String reason, String message) implements PodOutcome {}

  /** The image was pushed; {@code finishedAt} is RFC 3339 or null. */
  record Succeeded(BuildResult result, String finishedAt) implements PodOutcome {}

  /** The build ended without an image; {@code line} is the Dockerfile line or null. */
  record Failed(String reason, String message, Integer line, String finishedAt)
      implements PodOutcome {}
}
