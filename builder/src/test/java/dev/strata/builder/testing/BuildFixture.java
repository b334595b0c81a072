package dev.strata.builder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

/**
 * Builds against one local registry that serves as the Docker Hub mirror: the busybox base image
 * from the seed example is built first and pushed as {@code library/busybox}, so that {@code FROM
 * busybox} resolves there.
 */
public final class BuildFixture {
  private final String registry;
  private final Workspace workspace;
  private int serial;

  public BuildFixture(String registry, Workspace workspace) {
    this.registry = registry;
    this.workspace = workspace;
  }

  public String registry() {
    return registry;
  }

  public Workspace workspace() {
    return workspace;
  }

  /** Builds busybox-base from the host's static busybox and pushes it as library/busybox. */
  public JsonNode pushBusyboxBase(Path cacheDir) throws IOException, InterruptedException {
    Path context = workspace.dir("busybox-base-" + (++serial));
    Files.copy(
        Path.of("/bin/busybox"), context.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(
        SharedFolder.resolve("seed-examples/busybox-base/Dockerfile"),
        context.resolve("Dockerfile"),
        StandardCopyOption.REPLACE_EXISTING);
    return StrataCli.json(build(context, "library/busybox:latest", cacheDir));
  }

  /**
   * A copy of a seed example's context. The shared folder is laid out without write bits, so the
   * owner's write bit is given back: the modes are then the example's own (0644, 0755).
   */
  public Path seedContext(String name) throws IOException {
    Path context = workspace.dir(name + "-" + (++serial));
    PathUtils.copyDirectory(SharedFolder.resolve("seed-examples/" + name), context);
    try (Stream<Path> files = Files.walk(context)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Set<PosixFilePermission> modes = Files.getPosixFilePermissions(file);
        modes.add(PosixFilePermission.OWNER_WRITE);
        Files.setPosixFilePermissions(file, modes);
      }
    }
    return context;
  }

  public String reference(String repositoryAndTag) {
    return registry + "/" + repositoryAndTag;
  }

  /** A new empty cache directory. */
  public Path newCache() throws IOException {
    return workspace.dir("cache-" + (++serial));
  }

  public Commands.Result build(
      Path context, String repositoryAndTag, Path cacheDir, String... extra)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--context",
                context.toString(),
                "--destination",
                reference(repositoryAndTag),
                "--insecure-registry",
                registry,
                "--registry-mirror",
                registry,
                "--cache-dir",
                cacheDir.toString()));
    args.addAll(List.of(extra));
    return StrataCli.build(args);
  }

  /** Pulls and unpacks an image with skopeo and umoci into a new folder. */
  public PulledImage pull(String repositoryAndTag) throws IOException, InterruptedException {
    return PulledImage.pull(reference(repositoryAndTag), workspace.dir("pull-" + (++serial)));
  }
}
