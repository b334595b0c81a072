package dev.strata.builder.context;

/** Placeholder until the full .dockerignore matcher lands: excludes nothing. */
public final class DockerIgnore {
  public static DockerIgnore parse(String content) {
    return new DockerIgnore();
  }

  public boolean isExcluded(String relativePath, boolean directory) {
    return false;
  }

  public boolean mayContainIncluded(String dirPath) {
    return true;
  }
}
