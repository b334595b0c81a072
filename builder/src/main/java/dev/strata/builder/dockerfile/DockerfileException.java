package dev.strata.builder.dockerfile;

/** A Dockerfile that cannot be parsed or whose words cannot be expanded; names the line. */
public final class DockerfileException extends RuntimeException {
  private final int line;

  public DockerfileException(int line, String message) {
    super(line > 0 ? "Dockerfile line " + line + ": " + message : message);
    this.line = line;
  }

  /** 1-based line, or 0 when the error is not tied to one line. */
  public int line() {
    return line;
  }
}
