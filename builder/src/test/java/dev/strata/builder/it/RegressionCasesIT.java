package dev.strata.builder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.builder.testing.BusyboxRegistryTest;
import dev.strata.builder.testing.Commands;
import dev.strata.builder.testing.PulledImage;
import dev.strata.builder.testing.SharedFolder;
import dev.strata.builder.testing.StrataCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Builds where other widely used builders once made a wrong image (from their public bug reports);
 * each test checks the stated right answer on the image as skopeo and umoci see it.
 */
class RegressionCasesIT extends BusyboxRegistryTest {
  private static Path cases;

  @BeforeAll
  static void makeContexts() throws Exception {
    cases = workspace.dir("cases");
    Commands.run(
            Duration.ofMinutes(1),
            "bash",
            SharedFolder.resolve("cases/make-contexts.sh").toString(),
            cases.toString())
        .requireSuccess();
    try (Stream<Path> all = Files.walk(cases)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isDirectory(p) && !Files.isSymbolicLink(p)) {
          Files.setPosixFilePermissions(
              p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        }
      }
    }
  }

  private static PulledImage buildAndPull(String name, String... extra) throws Exception {
    StrataCli.json(fixture.build(cases.resolve(name), "cases/" + name + ":1", cache, extra));
    return fixture.pull("cases/" + name + ":1");
  }

  @Test
  void copiedFileBelongsToRootNotToTheBuildingUser() throws Exception {
    Path file = cases.resolve("copy-owner/test");
    UserPrincipalLookupService users = file.getFileSystem().getUserPrincipalLookupService();
    if (StrataCli.runningAsRoot()) {
      Files.setOwner(file, users.lookupPrincipalByName(String.valueOf(StrataCli.BUILD_UID)));
    }
    PulledImage image = buildAndPull("copy-owner");

    TarArchiveEntry entry = image.layerEntries(2).get("tmp/test");
    assertEquals(0, entry.getLongUserId());
    assertEquals(0, entry.getLongGroupId());
    assertEquals(0644, entry.getMode() & 07777);
    assertEquals(0644, image.mode("/tmp/test"));
  }

  @Test
  void directoryReplacedBySymlinkLeavesNoPathUnderTheLink() throws Exception {
    PulledImage image = buildAndPull("dir-to-symlink");

    assertTrue(Files.isSymbolicLink(image.file("/a")));
    assertEquals("/b", Files.readSymbolicLink(image.file("/a")).toString());
    try (Stream<Path> b = Files.list(image.file("/b"))) {
      assertEquals(0, b.count());
    }
    Map<String, TarArchiveEntry> second = image.layerEntries(3);
    assertEquals(List.of("a", "b/"), new ArrayList<>(second.keySet()));
    assertTrue(second.get("a").isSymbolicLink());
  }

  @Test
  void symlinkSourceIsCopiedAsItsTargetButLinksInsideDirectoriesStayLinks() throws Exception {
    PulledImage image = buildAndPull("symlink-source");

    assertTrue(
        Files.isRegularFile(image.file("/the_file"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertEquals("Hello world\n", image.read("/the_file"));
    assertTrue(Files.isSymbolicLink(image.file("/d/l")));
    assertEquals("x", Files.readSymbolicLink(image.file("/d/l")).toString());
  }

  @Test
  void relativeDestinationsFollowWorkdir() throws Exception {
    PulledImage image = buildAndPull("workdir-relative");

    assertEquals(0755, image.mode("/build"));
    assertEquals(0755, image.mode("/build/hook.sh"));
    assertEquals("bar\n", image.read("/build/rel/foo"));
    assertEquals("Hook is running\n", image.read("/build/out.txt"));
    assertFalse(image.exists("/rel"));
    assertEquals("/build", image.config().path("config").path("WorkingDir").asText());
  }

  @Test
  void quotedArgDestinationWithTrailingSlashIsADirectory() throws Exception {
    PulledImage image = buildAndPull("arg-quoted-dir");

    assertTrue(Files.isDirectory(image.file("/path/2/files")));
    assertEquals("A\n", image.read("/path/2/files/conf.a"));
    assertEquals(1, image.layerDigests().size());
    assertFalse(image.config().path("config").path("Env").toString().contains("PATH2FILE"));
  }

  @Test
  void directoryCopiedOntoWorkdirOfTheSameNameIsNotNested() throws Exception {
    PulledImage image = buildAndPull("same-name-workdir");

    assertTrue(image.exists("/moac/main.js"));
    assertTrue(image.exists("/moac/lib/util.js"));
    assertFalse(image.exists("/moac/moac"));
  }

  @Test
  void severalSourcesIntoANewDirectoryCreateIt() throws Exception {
    PulledImage image = buildAndPull("multi-source-newdir");

    assertEquals(1, image.layerDigests().size());
    TarArchiveEntry bin = image.layerEntries(0).get("bin/");
    assertEquals(0, bin.getLongUserId());
    assertEquals(0, bin.getLongGroupId());
    assertTrue(image.exists("/bin/file1"));
    assertTrue(image.exists("/bin/file2"));
  }

  @Test
  void dockerignoreExcludesDirectoriesAndFilesAsTheReferenceSays() throws Exception {
    PulledImage image = buildAndPull("dockerignore-dirs");

    TreeSet<String> found = new TreeSet<>();
    Path workdir = image.file("/workdir");
    try (Stream<Path> all = Files.walk(workdir)) {
      all.filter(p -> !p.equals(workdir))
          .forEach(p -> found.add(workdir.relativize(p) + (Files.isDirectory(p) ? "/" : "")));
    }
    assertEquals(
        new TreeSet<>(List.of("Dockerfile", ".dockerignore", "folder5/", "folder5/file")), found);
  }

  @Test
  void longPathsAndLinkTargetsAreKeptByteForByte() throws Exception {
    String d1 = "d".repeat(60);
    String f = "f".repeat(120) + ".txt";
    String path = "/opt/long/" + d1 + "/" + d1 + "/" + d1 + "/" + f;
    PulledImage image = buildAndPull("long-names");

    assertEquals("long\n", image.read(path));
    assertEquals(path, Files.readSymbolicLink(image.file("/opt/longlink")).toString());
  }

  @Test
  void historyHasOneNonEmptyEntryPerLayerAndLabelIsEmpty() throws Exception {
    PulledImage image = buildAndPull("history-layers");

    JsonNode config = image.config();
    assertEquals("testLabel", config.path("config").path("Labels").path("testLabel").asText());
    assertEquals(4, config.path("rootfs").path("diff_ids").size());
    List<JsonNode> history = new ArrayList<>();
    config.path("history").forEach(history::add);
    List<JsonNode> last = history.subList(history.size() - 3, history.size());
    assertTrue(last.get(0).path("created_by").asText().startsWith("COPY foo"));
    assertFalse(last.get(0).path("empty_layer").asBoolean());
    assertTrue(last.get(1).path("created_by").asText().startsWith("LABEL"));
    assertTrue(last.get(1).path("empty_layer").asBoolean());
    assertTrue(last.get(2).path("created_by").asText().startsWith("COPY bar"));
    long nonEmpty = history.stream().filter(h -> !h.path("empty_layer").asBoolean()).count();
    assertEquals(image.layerDigests().size(), nonEmpty);
  }

  @Test
  void nothingOutsideTheContextReachesALayer() throws Exception {
    Path context = cases.resolve("context-escape/ctx");
    for (String file : List.of("Dockerfile.a", "Dockerfile.b", "Dockerfile.c")) {
      Commands.Result result =
          fixture.build(
              context,
              "cases/escape:" + file.charAt(11),
              cache,
              "--file",
              context.resolve(file).toString());
      assertNotEquals(0, result.exit(), file + " must fail: " + result.stdout());
      assertTrue(result.stderr().contains("Dockerfile line 2"), result.stderr());
      assertFalse(result.stderr().contains("Exception"), result.stderr());
      assertFalse(result.stdout().contains("HOST-SECRET"));
    }
    StrataCli.json(
        fixture.build(
            context,
            "cases/escape:d",
            cache,
            "--file",
            context.resolve("Dockerfile.d").toString()));
    PulledImage image = fixture.pull("cases/escape:d");
    assertEquals("dots-ok\n", image.read("/dots"));
    for (int i = 0; i < image.layerDigests().size(); i++) {
      for (String name : image.layerEntries(i).keySet()) {
        assertFalse(name.contains("secret") || name.contains("sibling"), name);
      }
    }
  }

  @Test
  void archiveMemberClimbingOutIsRefusedByNameAndCleanArchiveUnpacks() throws Exception {
    Path context = cases.resolve("tar-dotdot");
    Commands.Result bad = fixture.build(context, "cases/tar:bad", cache);
    assertNotEquals(0, bad.exit());
    assertTrue(bad.stderr().contains("../../escape.txt"), bad.stderr());
    assertTrue(bad.stderr().contains("Dockerfile line 2"), bad.stderr());
    assertFalse(Files.exists(workspace.root().resolve("escape.txt")));
    assertFalse(Files.exists(cases.resolve("escape.txt")));
    Commands.Result missing =
        Commands.run(
            Duration.ofMinutes(1),
            "skopeo",
            "inspect",
            "--tls-verify=false",
            "docker://" + fixture.reference("cases/tar:bad"));
    assertNotEquals(0, missing.exit(), "nothing may be pushed under the tag of a failed build");

    StrataCli.json(
        fixture.build(
            context,
            "cases/tar:clean",
            cache,
            "--file",
            context.resolve("Dockerfile.clean").toString()));
    PulledImage image = fixture.pull("cases/tar:clean");
    assertEquals("dots\n", image.read("/target/..ok-dots.txt"));
    for (int i = 0; i < image.layerDigests().size(); i++) {
      for (String name : image.layerEntries(i).keySet()) {
        assertFalse(name.startsWith("../") || name.startsWith("/"), name);
      }
    }
  }
}
