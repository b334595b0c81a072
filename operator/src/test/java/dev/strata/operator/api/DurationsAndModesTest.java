package dev.strata.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsAndModesTest {

  @Test
  void durationsReadLikeKubernetesDurations() {
    assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
    assertEquals(Duration.ofSeconds(45), Durations.parse("45s"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse(""));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("10 minutes"));
  }

  @Test
  void modesAreOctal() {
    assertEquals(0755, Modes.parse("0755"));
    assertEquals(0644, Modes.parse("644"));
    assertEquals(0644, Modes.parse(null));
    assertThrows(IllegalArgumentException.class, () -> Modes.parse("0999"));
    assertThrows(IllegalArgumentException.class, () -> Modes.parse("4755"));
  }

  @Test
  void pathsStayInsideTheContext() {
    assertTrue(Paths.isSafeRelative("Dockerfile"));
    assertTrue(Paths.isSafeRelative("bin/run.sh"));
    assertTrue(Paths.isSafeRelative("..hidden"));
    assertFalse(Paths.isSafeRelative("/etc/passwd"));
    assertFalse(Paths.isSafeRelative("a/../../b"));
    assertFalse(Paths.isSafeRelative("./a"));
    assertFalse(Paths.isSafeRelative("a//b"));
  }
}
