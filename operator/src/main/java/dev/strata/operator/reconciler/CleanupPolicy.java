package dev.strata.operator.reconciler;

import dev.strata.operator.api.Phase;

/** What happens to a build pod once its result is in status. */
public enum CleanupPolicy {
  /** Keep every finished pod (and its log) until the ImageBuild is deleted or changed. */
  Never,
  /** Delete pods of successful builds; keep failed ones so their logs can be read. */
  OnSuccess,
  /** Delete every finished pod; status keeps the result and the failure message. */
  Always;

  /** Whether a pod that ended in {@code phase} is deleted. */
  public boolean deletes(Phase phase) {
    return switch (this) {
      case Never -> false;
      case OnSuccess -> phase == Phase.Succeeded;
      case Always -> phase.isFinal();
    };
  }
}
