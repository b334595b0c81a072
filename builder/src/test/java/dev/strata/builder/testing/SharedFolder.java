package dev.strata.builder.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's shared test material (seed examples, regression cases, peer suites), which lives
 * beside the checkout and is read in place, never copied in.
 */
public final class SharedFolder {
  private SharedFolder() {}

  /** The {@code strata.shared} property, else the nearest {@code shared} folder above us. */
  public static Path root() {
    String property = System.getProperty("strata.shared");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared");
      if (Files.isDirectory(candidate.resolve("seed-examples"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "the shared folder was not found above "
            + Path.of("").toAbsolutePath()
            + "; set -Dstrata.shared=<path of the shared folder>");
  }

  public static Path resolve(String relative) {
    return root().resolve(relative);
  }
}
