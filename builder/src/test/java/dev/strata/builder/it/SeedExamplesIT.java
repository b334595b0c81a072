package dev.strata.builder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.builder.testing.BusyboxRegistryTest;
import dev.strata.builder.testing.Commands;
import dev.strata.builder.testing.PulledImage;
import dev.strata.builder.testing.StrataCli;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;

/**
 * The seed examples built as an unprivileged user against a real registry, each checked against its
 * stated right answer with skopeo and umoci.
 */
class SeedExamplesIT extends BusyboxRegistryTest {

  @Test
  void busyboxBaseHasBusyboxWithItsAppletLinksAndShAsCmd() throws Exception {
    PulledImage image = fixture.pull("library/busybox:latest");

    assertEquals(2, image.layerDigests().size());
    assertEquals(base.path("digest").asText(), image.registryDigest());
    assertEquals("[\"sh\"]", image.config().path("config").path("Cmd").toString());
    assertTrue(Files.isSymbolicLink(image.file("/bin/sh")));
    assertEquals("/bin/busybox", Files.readSymbolicLink(image.file("/bin/sh")).toString());
    assertEquals(0755, image.mode("/bin/busybox"));
    assertTrue(image.layerEntries(0).containsKey("bin/busybox"));
  }

  @Test
  void busyboxWhileCopiesTheContextPrintsAtBuildTimeAndLoopsAtRunTime() throws Exception {
    Commands.Result result =
        fixture.build(fixture.seedContext("busybox-while"), "demo/while:1.1", cache);
    JsonNode json = StrataCli.json(result);
    PulledImage image = fixture.pull("demo/while:1.1");

    assertTrue(result.stderr().contains("welcome to sanchuang!"), result.stderr());
    for (String baseLayer : layerDigests(base)) {
      assertTrue(
          result.stderr().contains("mounted: " + baseLayer),
          "base layers are mounted from library/busybox, not uploaded: " + result.stderr());
    }
    assertEquals("welcome to sanchuang!\n", image.read("/hello.txt"));
    assertEquals(0755, image.mode("/while.sh"));
    assertTrue(image.exists("/Dockerfile"));
    assertEquals(
        "[\"/bin/sh\",\"/while.sh\"]", image.config().path("config").path("Entrypoint").toString());
    assertEquals(json.path("digest").asText(), image.registryDigest());
    assertEquals(image.layerDigests(), layerDigests(json));
    assertEquals(List.of("COPY . /", "RUN cat /hello.txt"), createdBy(json).subList(2, 4));

    Commands.Result run =
        Commands.run(
            List.of(
                "timeout",
                "3",
                "proot",
                "-r",
                image.rootfs().toString(),
                "-w",
                "/",
                "/bin/sh",
                "/while.sh"),
            Duration.ofSeconds(20),
            null);
    assertTrue(run.stdout().contains("hello world,sanchuang 1\n"), run.stdout() + run.stderr());
  }

  @Test
  void busyboxNoexecSucceedsButWarnsWithTheLineThatTheEntrypointIsNotExecutable() throws Exception {
    JsonNode json =
        StrataCli.json(
            fixture.build(fixture.seedContext("busybox-noexec"), "demo/noexec:1", cache));

    JsonNode warnings = json.path("warnings");
    assertEquals(1, warnings.size(), warnings.toString());
    assertEquals(4, warnings.get(0).path("line").asInt());
    String message = warnings.get(0).path("message").asText();
    assertTrue(
        message.contains("/while.sh")
            && message.contains("not executable")
            && message.contains("permission denied"),
        message);
  }

  @Test
  void layersCowRecordsDeletionsAsWhiteoutsAndChangesAsWholeFiles() throws Exception {
    StrataCli.json(fixture.build(fixture.seedContext("layers-cow"), "demo/cow:1", cache));
    PulledImage image = fixture.pull("demo/cow:1");

    assertEquals(6, image.layerDigests().size());
    Map<String, TarArchiveEntry> rmLayer = image.layerEntries(4);
    assertEquals(
        List.of("sanchuang/", "sanchuang/.wh.fengdeyong1.txt"), new ArrayList<>(rmLayer.keySet()));
    Map<String, TarArchiveEntry> lastLayer = image.layerEntries(5);
    assertEquals(
        List.of("sanchuang/", "sanchuang/fengdeyong2.txt"), new ArrayList<>(lastLayer.keySet()));
    assertEquals("changed\n", image.layerFile(5, "sanchuang/fengdeyong2.txt"));

    for (int i = 2; i <= 10; i++) {
      assertTrue(image.exists("/sanchuang/fengdeyong" + i + ".txt"), "file " + i);
    }
    assertFalse(image.exists("/sanchuang/fengdeyong1.txt"));
    try (var files = Files.list(image.file("/sanchuang"))) {
      assertEquals(9, files.count());
    }
    assertTrue(Files.isDirectory(image.file("/app")));

    JsonNode config = image.config().path("config");
    assertEquals("/app", config.path("WorkingDir").asText());
    assertTrue(config.path("Env").toString().contains("\"NAME=World\""));
    assertTrue(config.path("Env").toString().contains("\"AUTHOR=cali\""));
    assertTrue(config.path("ExposedPorts").has("80/tcp"));
    assertEquals("[\"/bin/sh\"]", config.path("Cmd").toString());
    List<String> emptyLayerSteps = new ArrayList<>();
    image
        .config()
        .path("history")
        .forEach(
            h -> {
              if (h.path("empty_layer").asBoolean()) {
                emptyLayerSteps.add(h.path("created_by").asText().split(" ")[0]);
              }
            });
    assertEquals(List.of("CMD", "WORKDIR", "ENV", "EXPOSE", "CMD"), emptyLayerSteps);
  }

  static List<String> layerDigests(JsonNode result) {
    List<String> list = new ArrayList<>();
    result.path("layers").forEach(l -> list.add(l.path("digest").asText()));
    return list;
  }

  static List<String> createdBy(JsonNode result) {
    List<String> list = new ArrayList<>();
    result.path("layers").forEach(l -> list.add(l.path("createdBy").asText()));
    return list;
  }
}
