package dev.strata.operator.reconciler;

import dev.strata.operator.api.ImageBuild;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Collection;
import java.util.Set;

/** Wakes queued ImageBuilds when a build slot frees, instead of leaving them to their retry. */
final class FreedSlotEventSource extends AbstractEventSource<Void, ImageBuild> {

  FreedSlotEventSource() {
    super(Void.class, "freed-build-slots");
  }

  /** This source carries no secondary resources, only wake-ups. */
  @Override
  public Set<Void> getSecondaryResources(ImageBuild primary) {
    return Set.of();
  }

  /** Triggers a reconcile of each build, given as {@code namespace/name}. */
  void wake(Collection<String> buildKeys) {
    if (!isRunning()) {
      return;
    }
    for (String key : buildKeys) {
      int slash = key.indexOf('/');
      getEventHandler()
          .handleEvent(
              new Event(new ResourceID(key.substring(slash + 1), key.substring(0, slash))));
    }
  }
}
