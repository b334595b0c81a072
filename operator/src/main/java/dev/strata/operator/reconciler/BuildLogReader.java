package dev.strata.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;

/** Reads a container's log; only asked for after the container has ended. */
@FunctionalInterface
public interface BuildLogReader {

  /**
   * The log of {@code container} in {@code pod}.
   *
   * @return the text, or an empty string when the log cannot be read
   */
  String read(Pod pod, String container);
}
