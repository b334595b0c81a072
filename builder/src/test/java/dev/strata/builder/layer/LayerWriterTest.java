package dev.strata.builder.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerWriterTest {
  @TempDir Path tmp;

  private RootFs root() throws IOException {
    return new RootFs(Files.createDirectories(tmp.resolve("root")));
  }

  private static Map<String, TarArchiveEntry> entries(Path layer) throws IOException {
    Map<String, TarArchiveEntry> map = new LinkedHashMap<>();
    try (TarArchiveInputStream in =
        new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(layer)))) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        map.put(e.getName(), e);
      }
    }
    return map;
  }

  @Test
  void deletionBecomesWhiteoutBesideItsParentDirectoryOnly() throws IOException {
    RootFs root = root();
    Path dir = Files.createDirectories(root.directory().resolve("sanchuang"));
    Files.writeString(dir.resolve("a.txt"), "a");
    Files.writeString(dir.resolve("b.txt"), "b");
    Snapshot before = Snapshot.of(root.directory());
    Files.delete(dir.resolve("a.txt"));
    List<Change> changes = Snapshot.of(root.directory()).changesSince(before);

    LayerBlob blob = new LayerWriter(0).write(root, changes, tmp.resolve("layer.tgz"));

    assertEquals(
        List.of("sanchuang/", "sanchuang/.wh.a.txt"),
        new ArrayList<>(entries(blob.file()).keySet()));
  }

  @Test
  void directoryReplacedBySymlinkHidesItsChildrenWithoutWhiteouts() throws IOException {
    RootFs root = root();
    Files.createDirectories(root.directory().resolve("a"));
    Files.writeString(root.directory().resolve("a/a"), "x\n");
    Snapshot before = Snapshot.of(root.directory());
    LayerExtractor.delete(root.directory().resolve("a"));
    Files.createDirectories(root.directory().resolve("b"));
    Files.createSymbolicLink(root.directory().resolve("a"), Path.of("/b"));

    List<Change> changes = Snapshot.of(root.directory()).changesSince(before);
    Map<String, TarArchiveEntry> layer =
        entries(new LayerWriter(0).write(root, changes, tmp.resolve("l.tgz")).file());

    assertEquals(List.of("a", "b/"), new ArrayList<>(layer.keySet()));
    assertTrue(layer.get("a").isSymbolicLink());
    assertEquals("/b", layer.get("a").getLinkName());
  }

  @Test
  void sameTreeGivesSameDigestWhateverTheDiskTimesAndOwners() throws IOException {
    RootFs root = root();
    Files.writeString(root.directory().resolve("f"), "content");
    root.setOwner("f", new Owner(1000, 1000));
    List<Change> changes = List.of(new Change("f", Change.Type.ADDED_OR_MODIFIED));
    LayerBlob first = new LayerWriter(0).write(root, changes, tmp.resolve("1.tgz"));
    Files.setLastModifiedTime(
        root.directory().resolve("f"), java.nio.file.attribute.FileTime.fromMillis(123456789));
    LayerBlob second = new LayerWriter(0).write(root, changes, tmp.resolve("2.tgz"));

    assertEquals(first.digest(), second.digest());
    TarArchiveEntry entry = entries(first.file()).get("f");
    assertEquals(1000, entry.getLongUserId());
    assertEquals(0, entry.getModTime().getTime());
    assertEquals("", entry.getUserName());
  }

  @Test
  void longNamesAndHardlinksSurviveARoundTrip() throws IOException {
    RootFs root = root();
    String deep = "d".repeat(60) + "/" + "d".repeat(60) + "/" + "d".repeat(60);
    Path dir = Files.createDirectories(root.directory().resolve(deep));
    Path file = Files.writeString(dir.resolve("f".repeat(124)), "long\n");
    Files.createLink(root.directory().resolve("hard"), file);
    Files.createSymbolicLink(
        root.directory().resolve("link"), Path.of("/" + deep + "/x".repeat(80)));
    List<Change> changes = Snapshot.of(root.directory()).changesSince(emptySnapshot());
    LayerBlob blob = new LayerWriter(0).write(root, changes, tmp.resolve("l.tgz"));

    RootFs copy = new RootFs(Files.createDirectories(tmp.resolve("copy")));
    try (InputStream in = new GZIPInputStream(Files.newInputStream(blob.file()))) {
      new LayerExtractor(true).extract(in, copy, "/");
    }
    assertEquals(
        "long\n", Files.readString(copy.directory().resolve(deep + "/" + "f".repeat(124))));
    assertEquals(
        "/" + deep + "/x".repeat(80),
        Files.readSymbolicLink(copy.directory().resolve("link")).toString());
    assertEquals(
        Files.getAttribute(copy.directory().resolve(deep + "/" + "f".repeat(124)), "unix:ino"),
        Files.getAttribute(copy.directory().resolve("hard"), "unix:ino"));
  }

  private Snapshot emptySnapshot() throws IOException {
    return Snapshot.of(Files.createDirectories(tmp.resolve("empty")));
  }

  @Test
  void extractionAppliesWhiteoutsAndOpaqueDirectories() throws IOException {
    RootFs root = root();
    Files.createDirectories(root.directory().resolve("keep"));
    Files.writeString(root.directory().resolve("keep/old"), "old");
    Files.writeString(root.directory().resolve("gone"), "x");
    byte[] layer = tar(List.of("keep/" + Whiteouts.OPAQUE, ".wh.gone", "keep/new"));

    new LayerExtractor(true).extract(new java.io.ByteArrayInputStream(layer), root, "/");

    assertFalse(Files.exists(root.directory().resolve("gone")));
    assertFalse(Files.exists(root.directory().resolve("keep/old")));
    assertTrue(Files.exists(root.directory().resolve("keep/new")));
  }

  @Test
  void memberClimbingOutOfTheRootIsRefusedByName() throws IOException {
    RootFs root = root();
    byte[] layer = tar(List.of("ok.txt", "../../escape.txt"));

    UnsafeArchiveException e =
        assertThrows(
            UnsafeArchiveException.class,
            () ->
                new LayerExtractor(false)
                    .extract(new java.io.ByteArrayInputStream(layer), root, "/target"));

    assertTrue(e.getMessage().contains("../../escape.txt"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("escape.txt")));
  }

  @Test
  void symlinkInTheArchiveCannotCarryLaterMembersOutOfTheRoot() throws IOException {
    RootFs root = root();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry link = new TarArchiveEntry("evil", TarArchiveEntry.LF_SYMLINK);
      link.setLinkName(tmp.toString());
      out.putArchiveEntry(link);
      out.closeArchiveEntry();
      TarArchiveEntry file = new TarArchiveEntry("evil/pwned");
      byte[] data = "x".getBytes(StandardCharsets.UTF_8);
      file.setSize(data.length);
      out.putArchiveEntry(file);
      out.write(data);
      out.closeArchiveEntry();
    }

    new LayerExtractor(true)
        .extract(new java.io.ByteArrayInputStream(bytes.toByteArray()), root, "/");

    assertFalse(Files.exists(tmp.resolve("pwned"), LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.exists(root.directory().resolve(tmp.toString().substring(1) + "/pwned")));
  }

  @Test
  void addedArchiveLinksResolveInsideTheTargetNotElsewhereInTheImage() throws IOException {
    RootFs root = root();
    Files.createDirectories(root.directory().resolve("bin"));
    Files.writeString(root.directory().resolve("bin/cat"), "the real cat");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry link = new TarArchiveEntry("e", TarArchiveEntry.LF_SYMLINK);
      link.setLinkName("/bin");
      out.putArchiveEntry(link);
      out.closeArchiveEntry();
      TarArchiveEntry file = new TarArchiveEntry("e/cat");
      byte[] data = "replaced".getBytes(StandardCharsets.UTF_8);
      file.setSize(data.length);
      out.putArchiveEntry(file);
      out.write(data);
      out.closeArchiveEntry();
    }

    new LayerExtractor(false)
        .extract(new java.io.ByteArrayInputStream(bytes.toByteArray()), root, "/opt/vendor");

    assertEquals("the real cat", Files.readString(root.directory().resolve("bin/cat")));
    assertEquals("replaced", Files.readString(root.directory().resolve("opt/vendor/bin/cat")));
  }

  private static byte[] tar(List<String> names) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      for (String name : names) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(0);
        out.putArchiveEntry(e);
        out.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
