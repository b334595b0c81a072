package dev.strata.builder.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BuildKit's own parser fixtures, read from the shared peer-suite folder (never copied here): our
 * syntax pass must read every positive Dockerfile as BuildKit dumps it and reject every negative.
 */
class PeerSuiteTest {
  private static final String SUITE = "peer-suites/buildkit-dockerfile-parser";

  static Stream<Path> positive() {
    return cases("positive");
  }

  static Stream<Path> negative() {
    return cases("negative");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("positive")
  void readsAsBuildKitDoes(Path dir) throws IOException {
    String dockerfile = read(dir.resolve("Dockerfile"));

    NodeParser.Result result = NodeParser.parse(dockerfile);

    assertEquals(read(dir.resolve("result")), result.dump(), dir.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("negative")
  void rejectsWithAClearError(Path dir) throws IOException {
    String dockerfile = read(dir.resolve("Dockerfile"));

    DockerfileException e =
        assertThrows(DockerfileException.class, () -> DockerfileParser.instructions(dockerfile));

    assertTrue(
        e.getMessage().startsWith("Dockerfile line ") || e.line() == 0,
        "message: " + e.getMessage());
    assertTrue(e.getMessage().contains("; "), "says what to do: " + e.getMessage());
  }

  private static Stream<Path> cases(String kind) {
    Path root = suiteRoot().resolve(kind);
    try (Stream<Path> dirs = Files.list(root)) {
      List<Path> found = dirs.filter(Files::isDirectory).sorted().toList();
      assertFalse(found.isEmpty(), "no fixtures in " + root);
      return found.stream();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the peer suite at " + root, e);
    }
  }

  /** The {@code strata.shared} property, else the nearest {@code shared} folder above us. */
  static Path suiteRoot() {
    String property = System.getProperty("strata.shared");
    if (property != null && !property.isBlank()) {
      return Path.of(property).resolve(SUITE);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve(SUITE);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "the BuildKit peer suite was not found above "
            + Path.of("").toAbsolutePath()
            + "; set -Dstrata.shared=<path of the shared folder>");
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
