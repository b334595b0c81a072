package dev.strata.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed CRDs must be exactly what the build generates from the api package. When this fails
 * after a change to the api, copy {@code operator/target/crds/*.yml} to {@code crds/} and {@code
 * helm-chart/strata/crds/} and commit the diff.
 */
class CrdUpToDateTest {

  private static final String CRD = "imagebuilds.strata.dev-v1.yml";

  @ParameterizedTest
  @ValueSource(strings = {"crds", "helm-chart/strata/crds"})
  void committedCrdMatchesGenerated(String folder) throws IOException {
    Path generated = Path.of(System.getProperty("strata.crds.generated", "target/crds"), CRD);
    Path root = Path.of(System.getProperty("strata.repository.root", ".."));
    Path committed = root.resolve(folder).resolve(CRD);
    assertTrue(Files.exists(generated), "the build generated no CRD at " + generated);
    assertTrue(Files.exists(committed), "no CRD committed at " + committed);
    assertEquals(
        Files.readString(generated),
        Files.readString(committed),
        committed + " differs from the generated " + generated + "; copy the generated file over");
  }
}
