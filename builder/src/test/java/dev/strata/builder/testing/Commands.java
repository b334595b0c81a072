package dev.strata.builder.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion with a time limit and keeps what it printed. */
public final class Commands {
  private Commands() {}

  /** What a finished command left: exit code and both output streams. */
  public record Result(List<String> command, int exit, String stdout, String stderr) {
    public Result requireSuccess() {
      if (exit != 0) {
        throw new AssertionError(
            "command failed with exit "
                + exit
                + ": "
                + command
                + "\nstdout:\n"
                + stdout
                + "\nstderr:\n"
                + stderr);
      }
      return this;
    }
  }

  public static Result run(Duration timeout, String... command)
      throws IOException, InterruptedException {
    return run(List.of(command), timeout, null);
  }

  public static Result run(List<String> command, Duration timeout, Path dir)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("cmd-", ".out");
    Path err = Files.createTempFile("cmd-", ".err");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      if (dir != null) {
        pb.directory(dir.toFile());
      }
      Process process = pb.start();
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        throw new AssertionError(
            "command did not finish within "
                + timeout
                + ": "
                + command
                + "\nstderr so far:\n"
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Result(
          new ArrayList<>(command),
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
