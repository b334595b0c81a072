package dev.strata.builder.dockerfile;

/** Parses Dockerfile text into {@link Dockerfile}; errors name the line. */
public final class DockerfileParser {

  /** Parses {@code text}; throws {@link DockerfileException} on the first error. */
  public Dockerfile parse(String text) {
    throw new UnsupportedOperationException("not yet written");
  }
}
