package dev.strata.builder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.builder.testing.BusyboxRegistryTest;
import dev.strata.builder.testing.Commands;
import dev.strata.builder.testing.StrataCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Reproducible digests, and a warm cache that downloads and re-runs nothing unchanged. */
class CacheIT extends BusyboxRegistryTest {

  private static List<Boolean> cachedFlags(JsonNode result) {
    List<Boolean> flags = new ArrayList<>();
    result.path("layers").forEach(l -> flags.add(l.path("cached").asBoolean()));
    return flags;
  }

  @Test
  void sameInputIntoTwoEmptyCachesGivesTheSameDigest() throws Exception {
    JsonNode first =
        StrataCli.json(
            fixture.build(
                fixture.seedContext("busybox-while"), "repro/while:a", fixture.newCache()));
    JsonNode second =
        StrataCli.json(
            fixture.build(
                fixture.seedContext("busybox-while"), "repro/while:b", fixture.newCache()));

    assertEquals(first.path("digest").asText(), second.path("digest").asText());
    assertEquals(List.of(false, false, false, false), cachedFlags(first));
  }

  @Test
  void warmCacheDownloadsNoBaseLayerAndRerunsNoUnchangedStep() throws Exception {
    Path cache = fixture.newCache();
    Path context = fixture.seedContext("layers-cow");
    JsonNode cold = StrataCli.json(fixture.build(context, "warm/cow:1", cache));
    Commands.Result warmRun = fixture.build(context, "warm/cow:2", cache);
    JsonNode warm = StrataCli.json(warmRun);

    assertEquals(cold.path("digest").asText(), warm.path("digest").asText());
    assertEquals(List.of(true, true, true, true, true, true), cachedFlags(warm));
    assertFalse(warmRun.stderr().contains("downloading layer"), warmRun.stderr());
    assertFalse(warmRun.stderr().contains("  | "), "no RUN may execute: " + warmRun.stderr());
    assertFalse(
        warmRun.stderr().contains("uploaded:"),
        "every blob is in the repository already: " + warmRun.stderr());
  }

  @Test
  void changedFileRebuildsItsStepAndEveryStepAfterIt() throws Exception {
    Path cache = fixture.newCache();
    Path context = fixture.seedContext("busybox-while");
    StrataCli.json(fixture.build(context, "change/while:1", cache));
    Files.writeString(context.resolve("hello.txt"), "changed greeting\n");
    Commands.Result rerun = fixture.build(context, "change/while:2", cache);
    JsonNode result = StrataCli.json(rerun);

    assertEquals(List.of(true, true, false, false), cachedFlags(result));
    assertTrue(rerun.stderr().contains("changed greeting"), rerun.stderr());
  }

  @Test
  void concurrentBuildsOfANonReproducibleStepEachGoOnFromTheirOwnLayer() throws Exception {
    Path cache = fixture.newCache();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<JsonNode>> builds = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String tag = "random/copy:" + i;
        Path context = workspace.dir("random-" + i);
        Files.writeString(
            context.resolve("Dockerfile"),
            "FROM busybox\n"
                + "RUN sleep 1; head -c 32 /dev/urandom | md5sum > /rand\n"
                + "RUN cp /rand /copy\n");
        builds.add(pool.submit(() -> StrataCli.json(fixture.build(context, tag, cache))));
        Thread.sleep(300);
      }
      for (int i = 0; i < 3; i++) {
        builds.get(i).get();
        var image = fixture.pull("random/copy:" + i);
        assertEquals(image.read("/rand"), image.read("/copy"), "image " + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void buildsSharingOneCacheAtOnceAllSucceedAlikeAndFetchEachBaseLayerOnce() throws Exception {
    Path cache = fixture.newCache();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Commands.Result>> builds = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String tag = "parallel/while:" + i;
        Path context = fixture.seedContext("busybox-while");
        builds.add(pool.submit(() -> fixture.build(context, tag, cache)));
      }
      String digest = StrataCli.json(builds.get(0).get()).path("digest").asText();
      int downloads = 0;
      for (Future<Commands.Result> build : builds) {
        assertEquals(digest, StrataCli.json(build.get()).path("digest").asText());
        downloads += build.get().stderr().split("downloading layer", -1).length - 1;
      }
      assertEquals(2, downloads, "each of the two base layers is downloaded by one build only");
    } finally {
      pool.shutdownNow();
    }
  }
}
