package dev.strata.builder.build;

/**
 * A build that cannot go on because of its input: the Dockerfile, the context, a base image, a
 * registry or its credentials. The message is meant for the user as it is.
 */
public final class BuildException extends Exception {
  private final int line;

  public BuildException(int line, String message) {
    super(line > 0 ? "Dockerfile line " + line + ": " + message : message);
    this.line = line;
  }

  public BuildException(int line, String message, Throwable cause) {
    super(line > 0 ? "Dockerfile line " + line + ": " + message : message, cause);
    this.line = line;
  }

  /** Wraps a parse error whose message already names its line. */
  public static BuildException ofDockerfile(dev.strata.builder.dockerfile.DockerfileException e) {
    return new BuildException(e.getMessage(), e.line(), e);
  }

  private BuildException(String message, int line, Throwable cause) {
    super(message, cause);
    this.line = line;
  }

  /** 1-based Dockerfile line, or 0 when the error is not tied to one. */
  public int line() {
    return line;
  }
}
