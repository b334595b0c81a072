package dev.strata.builder.build;

/**
 * What a build reports while it runs. The library prints nothing itself; the CLI and the operator
 * decide how to show these.
 */
public interface BuildListener {

  /** Starting step {@code number} of {@code total} in a stage. */
  default void step(int number, int total, String instruction) {}

  /** A line a RUN command printed. */
  default void output(String line) {}

  /** Anything else worth a line of progress: cache hits, downloads, pushes. */
  default void info(String message) {}

  BuildListener SILENT = new BuildListener() {};
}
