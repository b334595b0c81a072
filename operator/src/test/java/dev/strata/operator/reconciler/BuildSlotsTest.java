package dev.strata.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuildSlotsTest {

  @Test
  void admitsUpToTheCapacityAndQueuesTheRest() {
    BuildSlots slots = new BuildSlots(2);

    assertTrue(slots.tryAcquire("ns/a-build-1", Set.of(), "ns/a"));
    assertTrue(slots.tryAcquire("ns/b-build-1", Set.of(), "ns/b"));
    assertFalse(slots.tryAcquire("ns/c-build-1", Set.of(), "ns/c"));
    assertEquals(2, slots.running());
    assertEquals(1, slots.queued());

    assertEquals(List.of("ns/c"), slots.release("ns/a-build-1"), "the waiting build is woken");
    assertEquals(List.of(), slots.release("ns/a-build-1"), "no slot freed twice");
    assertTrue(slots.tryAcquire("ns/c-build-1", Set.of(), "ns/c"));
    assertEquals(0, slots.queued());
  }

  @Test
  void podsSeenInTheCacheCountAfterARestart() {
    BuildSlots slots = new BuildSlots(1);

    assertFalse(slots.tryAcquire("ns/new-build-1", Set.of("ns/old-build-3"), "ns/new"));
    assertTrue(slots.tryAcquire("ns/old-build-3", Set.of("ns/old-build-3"), "ns/old"));
  }

  @Test
  void askingAgainForAnAdmittedPodDoesNotTakeASecondSlot() {
    BuildSlots slots = new BuildSlots(1);

    assertTrue(slots.tryAcquire("ns/a-build-1", Set.of(), "ns/a"));
    assertTrue(slots.tryAcquire("ns/a-build-1", Set.of(), "ns/a"));
    assertEquals(1, slots.running());
  }
}
