package dev.strata.builder.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A scratch folder the unprivileged build user can write to, removed when closed. Each call of
 * {@link #dir} gives a new empty folder open to that user.
 */
public final class Workspace implements AutoCloseable {
  private final Path root;

  public Workspace() throws IOException {
    root = Files.createTempDirectory("strata-it-");
    open(root);
  }

  public Path root() {
    return root;
  }

  public Path dir(String name) throws IOException {
    Path dir = Files.createDirectories(root.resolve(name));
    open(dir);
    return dir;
  }

  private static void open(Path dir) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
  }

  @Override
  public void close() throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
