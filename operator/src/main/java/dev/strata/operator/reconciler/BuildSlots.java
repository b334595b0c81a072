package dev.strata.operator.reconciler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cap on concurrent builds. A build holds a slot from the creation of its pod until its final
 * status is written. Slots are also counted from the pod cache, so after a restart the pods still
 * running are counted before any new pod is admitted.
 */
public final class BuildSlots {

  private final int capacity;
  private final Set<String> admitted = new HashSet<>();
  private final Set<String> queued = new LinkedHashSet<>();

  public BuildSlots(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "max concurrent builds must be at least 1, not " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Admits the build pod {@code podKey} when a slot is free.
   *
   * @param runningFromCache keys of unfinished build pods the informer knows of
   * @param buildKey the ImageBuild, counted as queued when no slot is free
   */
  public synchronized boolean tryAcquire(
      String podKey, Set<String> runningFromCache, String buildKey) {
    admitted.addAll(runningFromCache);
    if (admitted.contains(podKey)) {
      queued.remove(buildKey);
      return true;
    }
    if (admitted.size() >= capacity) {
      queued.add(buildKey);
      return false;
    }
    admitted.add(podKey);
    queued.remove(buildKey);
    return true;
  }

  /**
   * The pod finished or is gone.
   *
   * @return the ImageBuilds (namespace/name) waiting for a slot when this call freed one; empty
   *     otherwise
   */
  public synchronized List<String> release(String podKey) {
    if (!admitted.remove(podKey)) {
      return List.of();
    }
    return new ArrayList<>(queued);
  }

  /** The ImageBuild no longer waits (deleted, or its wait ended another way). */
  public synchronized void forget(String buildKey) {
    queued.remove(buildKey);
  }

  public synchronized int running() {
    return admitted.size();
  }

  public synchronized int queued() {
    return queued.size();
  }
}
