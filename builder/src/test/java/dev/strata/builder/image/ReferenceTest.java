package dev.strata.builder.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceTest {
  private static final String HEX = "a".repeat(64);
  private static final Digest DIGEST = new Digest(HEX);

  @ParameterizedTest
  @CsvSource({
    "busybox, docker.io, library/busybox, latest",
    "busybox:1.36, docker.io, library/busybox, 1.36",
    "library/busybox, docker.io, library/busybox, latest",
    "docker.io/busybox, docker.io, library/busybox, latest",
    "index.docker.io/team/app:v1, docker.io, team/app, v1",
    "team/app, docker.io, team/app, latest",
    "localhost/app, localhost, app, latest",
    "localhost:5000/a/b/c:t, localhost:5000, a/b/c, t",
    "host:5000/a/b:tag, host:5000, a/b, tag",
    "registry.example.com/team/app, registry.example.com, team/app, latest",
    "Example.com/app:V_1.0-rc, Example.com, app, V_1.0-rc",
    "[::1]:5000/app, [::1]:5000, app, latest",
    "a.b/c__d-e.f:x, a.b, c__d-e.f, x",
  })
  void parsesLikeDocker(String text, String registry, String repository, String tag) {
    Reference reference = Reference.parse(text);

    assertEquals(registry, reference.registry());
    assertEquals(repository, reference.repository());
    assertEquals(Optional.of(tag), reference.tag());
    assertEquals(Optional.empty(), reference.digest());
  }

  @Test
  void digestAloneHasNoTag() {
    Reference reference = Reference.parse("busybox@sha256:" + HEX);

    assertEquals(Optional.empty(), reference.tag());
    assertEquals(Optional.of(DIGEST), reference.digest());
    assertEquals("sha256:" + HEX, reference.tagOrDigest());
    assertEquals("docker.io/library/busybox@sha256:" + HEX, reference.toString());
  }

  @Test
  void tagAndDigestKeepBothAndResolveByDigest() {
    Reference reference = Reference.parse("host:5000/app:1.0@sha256:" + HEX);

    assertEquals(Optional.of("1.0"), reference.tag());
    assertEquals(Optional.of(DIGEST), reference.digest());
    assertEquals("sha256:" + HEX, reference.tagOrDigest());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"busybox", "host:5000/a/b:tag", "localhost/x@sha256:" + "a", "app:1@sha256:"})
  void toStringParsesBack(String text) {
    if (text.endsWith("sha256:" + "a") || text.endsWith("sha256:")) {
      text = text.substring(0, text.lastIndexOf("sha256:")) + "sha256:" + HEX;
    }
    Reference reference = Reference.parse(text);

    assertEquals(reference, Reference.parse(reference.toString()));
  }

  @Test
  void withTagDropsDigestAndWithDigestKeepsTag() {
    Reference reference = Reference.parse("host:5000/app:1@sha256:" + HEX);

    assertEquals("host:5000/app:2", reference.withTag("2").toString());
    assertEquals(
        "host:5000/app:1@sha256:" + "b".repeat(64),
        reference.withDigest(new Digest("b".repeat(64))).toString());
    assertEquals("host:5000/other:1@sha256:" + HEX, reference.withRepository("other").toString());
  }

  @Test
  void mirrorRewritesOnlyDockerHub() {
    Reference hub = Reference.parse("busybox");
    Reference other = Reference.parse("quay.io/team/app:1");

    assertEquals(
        "mirror.local:5000/library/busybox:latest", hub.mirroredTo("mirror.local:5000").toString());
    assertSame(other, other.mirroredTo("mirror.local:5000"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''| it is empty",
        "Busybox| must be lower-case",
        "host:5000/App| must be lower-case",
        "app:| tag '' must be",
        "app:-x| tag '-x' must be",
        "app@sha512:abc| only sha256 digests",
        "app@sha256:abc| 64 lower-case hex",
        "a//b| repository component ''",
        "host:5000/| the repository name is empty",
        "-host.com/app| is not a valid registry host",
      })
  void rejectsInvalidReferencesNamingThem(String text, String problem) {
    InvalidReferenceException e =
        assertThrows(InvalidReferenceException.class, () -> Reference.parse(text));

    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  @Test
  void rejectsImageIdsAndOverlongNames() {
    assertThrows(InvalidReferenceException.class, () -> Reference.parse(HEX));
    assertThrows(InvalidReferenceException.class, () -> Reference.parse("a/" + "b".repeat(260)));
    assertThrows(InvalidReferenceException.class, () -> Reference.parse("app:" + "t".repeat(129)));
  }
}
