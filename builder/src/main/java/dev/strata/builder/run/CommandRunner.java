package dev.strata.builder.run;

import java.io.IOException;
import java.util.function.Consumer;

/** Runs a build step's command inside a root filesystem without privileges. */
public interface CommandRunner {

  /**
   * Runs {@code spec}, streaming each line of its output to {@code output}.
   *
   * @return the command's exit code
   */
  int run(RunSpec spec, Consumer<String> output) throws IOException, InterruptedException;
}
