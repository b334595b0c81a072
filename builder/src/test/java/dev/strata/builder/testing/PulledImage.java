package dev.strata.builder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image as tools that are not ours see it: copied out of the registry by skopeo into an OCI
 * layout and unpacked by umoci, so the tests check what a runtime would get.
 */
public final class PulledImage {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LIMIT = Duration.ofMinutes(2);
  private final Path layout;
  private final Path rootfs;
  private final JsonNode manifest;
  private final JsonNode config;
  private final String registryDigest;

  private PulledImage(
      Path layout, Path rootfs, JsonNode manifest, JsonNode config, String registryDigest) {
    this.layout = layout;
    this.rootfs = rootfs;
    this.manifest = manifest;
    this.config = config;
    this.registryDigest = registryDigest;
  }

  /** Pulls {@code reference} from an insecure (http) registry into {@code dir} and unpacks it. */
  public static PulledImage pull(String reference, Path dir)
      throws IOException, InterruptedException {
    Path layout = dir.resolve("layout");
    Commands.run(
            LIMIT,
            "skopeo",
            "copy",
            "--src-tls-verify=false",
            "docker://" + reference,
            "oci:" + layout + ":img")
        .requireSuccess();
    String inspect =
        Commands.run(LIMIT, "skopeo", "inspect", "--tls-verify=false", "docker://" + reference)
            .requireSuccess()
            .stdout();
    Path bundle = dir.resolve("bundle");
    Commands.run(
            LIMIT, "umoci", "unpack", "--rootless", "--image", layout + ":img", bundle.toString())
        .requireSuccess();
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    JsonNode manifest =
        JSON.readTree(
            blob(layout, index.path("manifests").get(0).path("digest").asText()).toFile());
    JsonNode config =
        JSON.readTree(blob(layout, manifest.path("config").path("digest").asText()).toFile());
    return new PulledImage(
        layout,
        bundle.resolve("rootfs"),
        manifest,
        config,
        JSON.readTree(inspect).path("Digest").asText());
  }

  private static Path blob(Path layout, String digest) {
    return layout.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
  }

  public Path rootfs() {
    return rootfs;
  }

  public Path file(String imagePath) {
    return rootfs.resolve(imagePath.substring(1));
  }

  public String read(String imagePath) throws IOException {
    return Files.readString(file(imagePath), StandardCharsets.UTF_8);
  }

  public boolean exists(String imagePath) {
    return Files.exists(file(imagePath), LinkOption.NOFOLLOW_LINKS);
  }

  public int mode(String imagePath) throws IOException {
    return (Integer) Files.getAttribute(file(imagePath), "unix:mode", LinkOption.NOFOLLOW_LINKS)
        & 07777;
  }

  public JsonNode manifest() {
    return manifest;
  }

  /** The image config blob; its {@code config} member holds Env, Cmd and the rest. */
  public JsonNode config() {
    return config;
  }

  /** The manifest digest the registry reports for the tag. */
  public String registryDigest() {
    return registryDigest;
  }

  public List<String> layerDigests() {
    List<String> list = new ArrayList<>();
    manifest.path("layers").forEach(l -> list.add(l.path("digest").asText()));
    return list;
  }

  /** The entries of layer {@code index} (0 = lowest), by name, in archive order. */
  public Map<String, TarArchiveEntry> layerEntries(int index) throws IOException {
    Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
    Path file = blob(layout, layerDigests().get(index));
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        entries.put(e.getName(), e);
      }
    }
    return entries;
  }

  /** The content of one regular file in layer {@code index}. */
  public String layerFile(int index, String name) throws IOException {
    Path file = blob(layout, layerDigests().get(index));
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        if (e.getName().equals(name)) {
          return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError("layer " + index + " has no " + name);
  }
}
