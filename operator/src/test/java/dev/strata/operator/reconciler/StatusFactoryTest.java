package dev.strata.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.strata.operator.Fixtures;
import dev.strata.operator.api.BuildWarning;
import dev.strata.operator.api.ImageBuildStatus;
import dev.strata.operator.api.Phase;
import dev.strata.operator.result.BuildResult;
import dev.strata.operator.result.ResultParser;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusFactoryTest {

  private final StatusFactory at0 = factoryAt("2026-01-01T00:00:00Z");
  private final StatusFactory at5 = factoryAt("2026-01-01T00:05:00Z");

  @Test
  void startedBuildIsPendingWithAnUnknownSucceededCondition() {
    ImageBuildStatus status = at0.started(null, 1, "app-build-1");

    assertEquals(Phase.Pending, status.getPhase());
    assertEquals(1L, status.getObservedGeneration());
    assertEquals("app-build-1", status.getBuildPod());
    assertEquals("2026-01-01T00:00:00Z", status.getStartTime());
    Condition succeeded = succeeded(status);
    assertEquals("Unknown", succeeded.getStatus());
    assertEquals(Reasons.POD_CREATED, succeeded.getReason());
    assertEquals(1L, succeeded.getObservedGeneration());
  }

  @Test
  void transitionTimeMovesOnlyWhenTheConditionStatusChanges() {
    ImageBuildStatus started = at0.started(null, 1, "app-build-1");
    ImageBuildStatus running =
        at5.observed(started, 1, "app-build-1", new PodOutcome.Running(Reasons.BUILDING, "b"));

    assertEquals("2026-01-01T00:00:00Z", succeeded(running).getLastTransitionTime());
    assertEquals(Reasons.BUILDING, succeeded(running).getReason());
  }

  @Test
  void successfulBuildCarriesDigestAndOrderedLayers() {
    BuildResult result = new ResultParser().parseResult(Fixtures.resultJson(300, 4)).orElseThrow();
    ImageBuildStatus started = at0.started(null, 2, "app-build-2");

    ImageBuildStatus done =
        at5.observed(
            started, 2, "app-build-2", new PodOutcome.Succeeded(result, "2026-01-01T00:04:00Z"));

    assertEquals(Phase.Succeeded, done.getPhase());
    assertEquals(Fixtures.digest(999), done.getDigest());
    assertEquals(300, done.getLayers().size());
    assertEquals(result.layers(), done.getLayers());
    assertEquals("2026-01-01T00:04:00Z", done.getCompletionTime());
    assertEquals("True", succeeded(done).getStatus());
    assertEquals(Reasons.PUSHED, succeeded(done).getReason());
    assertEquals("2026-01-01T00:05:00Z", succeeded(done).getLastTransitionTime());
    assertEquals(
        "Pushed registry.local:5000/demo/app@" + Fixtures.digest(999) + " (300 layers, 4 reused)",
        succeeded(done).getMessage());
    assertEquals("False", condition(done, Conditions.DOCKERFILE_WARNINGS).getStatus());
    assertNull(done.getFailure());
  }

  @Test
  void warningsBecomeATrueConditionWithTheirLines() {
    BuildResult result =
        new BuildResult(
            "r.local:5000/a@" + Fixtures.digest(1),
            Fixtures.digest(1),
            null,
            List.of(),
            List.of(
                new BuildWarning(
                    4, "ENTRYPOINT runs /while.sh, which is not executable (mode 0644)")));

    ImageBuildStatus done =
        at5.observed(at0.started(null, 1, "p"), 1, "p", new PodOutcome.Succeeded(result, null));

    Condition warnings = condition(done, Conditions.DOCKERFILE_WARNINGS);
    assertEquals("True", warnings.getStatus());
    assertEquals(
        "line 4: ENTRYPOINT runs /while.sh, which is not executable (mode 0644)",
        warnings.getMessage());
  }

  @Test
  void failureNamesTheDockerfileLine() {
    ImageBuildStatus failed =
        at5.observed(
            at0.started(null, 1, "p"),
            1,
            "p",
            new PodOutcome.Failed(Reasons.BUILD_FAILED, "RUN cat /nope: exit status 1", 3, null));

    assertEquals(Phase.Failed, failed.getPhase());
    assertEquals(3, failed.getFailure().line());
    assertEquals("False", succeeded(failed).getStatus());
    assertEquals(Reasons.BUILD_FAILED, succeeded(failed).getReason());
    assertEquals("Dockerfile line 3: RUN cat /nope: exit status 1", succeeded(failed).getMessage());
    assertEquals("2026-01-01T00:05:00Z", failed.getCompletionTime());
  }

  @Test
  void newGenerationDropsTheOldResult() {
    BuildResult result = new ResultParser().parseResult(Fixtures.resultJson(2, 0)).orElseThrow();
    ImageBuildStatus done =
        at0.observed(at0.started(null, 1, "p1"), 1, "p1", new PodOutcome.Succeeded(result, null));

    ImageBuildStatus next = at5.started(done, 2, "p2");

    assertEquals(2L, next.getObservedGeneration());
    assertNull(next.getDigest());
    assertEquals(List.of(), next.getLayers());
    assertEquals(Phase.Pending, next.getPhase());
    assertEquals("2026-01-01T00:05:00Z", succeeded(next).getLastTransitionTime());
    assertEquals(1, next.getConditions().size(), "warnings condition of generation 1 dropped");
  }

  @Test
  void sameObservationGivesAnEqualStatus() {
    ImageBuildStatus started = at0.started(null, 1, "p");
    PodOutcome running = new PodOutcome.Running(Reasons.BUILDING, "Building the image");
    ImageBuildStatus once = at0.observed(started, 1, "p", running);
    ImageBuildStatus twice = at5.observed(once, 1, "p", running);

    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    assertEquals(mapper.valueToTree(once), mapper.valueToTree(twice));
  }

  private static Condition succeeded(ImageBuildStatus status) {
    return condition(status, Conditions.SUCCEEDED);
  }

  private static Condition condition(ImageBuildStatus status, String type) {
    return Conditions.find(status.getConditions(), type).orElseThrow();
  }

  private static StatusFactory factoryAt(String instant) {
    return new StatusFactory(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
  }
}
