package dev.strata.builder.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.builder.image.Descriptor.Platform;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlatformsTest {
  private static Descriptor entry(char fill, Platform platform) {
    return new Descriptor(
        MediaTypes.OCI_MANIFEST, new Digest(String.valueOf(fill).repeat(64)), 100, null, platform);
  }

  private static final ImageIndex INDEX =
      new ImageIndex(
          2,
          MediaTypes.OCI_INDEX,
          List.of(
              entry('a', Platform.parse("linux/amd64")),
              entry('b', Platform.parse("linux/arm/v6")),
              entry('c', Platform.parse("linux/arm/v7")),
              entry('d', Platform.parse("linux/arm64/v8")),
              new Descriptor(
                  "application/vnd.in-toto+json",
                  new Digest("e".repeat(64)),
                  10,
                  null,
                  Platform.parse("unknown/unknown"))),
          null);

  @Test
  void mapsJavaArchitecturesToOciNames() {
    assertEquals("amd64", Platforms.ociArchitecture("amd64"));
    assertEquals("amd64", Platforms.ociArchitecture("x86_64"));
    assertEquals("arm64", Platforms.ociArchitecture("aarch64"));
    assertEquals("386", Platforms.ociArchitecture("i686"));
    assertEquals("ppc64le", Platforms.ociArchitecture("ppc64le"));
    assertEquals("linux", Platforms.current().os());
  }

  @Test
  void choosesByOsArchitectureAndVariant() {
    assertEquals(digest('a'), chosen("linux/amd64"));
    assertEquals(digest('c'), chosen("linux/arm/v7"));
    assertEquals(digest('b'), chosen("linux/arm"));
    assertEquals(digest('d'), chosen("linux/arm64"));
    assertEquals(Optional.empty(), INDEX.manifestFor(Platform.parse("linux/s390x")));
    assertEquals(Optional.empty(), INDEX.manifestFor(Platform.parse("unknown/unknown")));
  }

  @Test
  void arm64WithoutVariantMeansV8() {
    assertTrue(Platforms.matches(Platform.parse("linux/arm64/v8"), Platform.parse("linux/arm64")));
    assertFalse(Platforms.matches(Platform.parse("linux/arm/v7"), Platform.parse("linux/arm")));
  }

  @Test
  void listsAvailablePlatformsForErrors() {
    assertEquals(
        "[linux/amd64, linux/arm/v6, linux/arm/v7, linux/arm64/v8, unknown/unknown]",
        INDEX.platforms().toString());
  }

  @Test
  void platformTextRoundTripsAndRejectsNonsense() {
    assertEquals("linux/arm/v7", Platform.parse("linux/arm/v7").toString());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Platform.parse("amd64"));
    assertTrue(e.getMessage().contains("'amd64'"), e.getMessage());
  }

  @Test
  void readsDockerManifestListJson() throws Exception {
    String json =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.DOCKER_MANIFEST_LIST
            + "\",\"manifests\":[{\"mediaType\":\""
            + MediaTypes.DOCKER_MANIFEST
            + "\",\"digest\":\"sha256:"
            + "f".repeat(64)
            + "\",\"size\":5,\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\","
            + "\"os.version\":\"x\",\"variant\":\"v8\"}}],\"extra\":true}";

    ImageIndex index = new ObjectMapper().readValue(json, ImageIndex.class);

    assertEquals(
        Optional.of(new Digest("f".repeat(64))),
        index.manifestFor(Platform.parse("linux/arm64")).map(Descriptor::digest));
  }

  private static Digest chosen(String platform) {
    return INDEX.manifestFor(Platform.parse(platform)).orElseThrow().digest();
  }

  private static Digest digest(char fill) {
    return new Digest(String.valueOf(fill).repeat(64));
  }
}
