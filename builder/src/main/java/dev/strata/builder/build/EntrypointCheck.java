package dev.strata.builder.build;

import dev.strata.builder.layer.FileState;
import dev.strata.builder.layer.RootFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds, at build time, the program a container of the image would start, and says so when it is
 * missing or not executable: otherwise the mistake shows only when the container fails to start
 * with "permission denied" or "no such file".
 */
final class EntrypointCheck {
  private EntrypointCheck() {}

  static Optional<BuildResult.Warning> check(StageState state) throws IOException {
    boolean fromEntrypoint = state.entrypoint != null && !state.entrypoint.isEmpty();
    List<String> argv = fromEntrypoint ? state.entrypoint : state.cmd;
    if (argv == null || argv.isEmpty()) {
      return Optional.empty();
    }
    int line = fromEntrypoint ? state.entrypointLine : state.cmdLine;
    String what = (fromEntrypoint ? "ENTRYPOINT" : "CMD") + " " + argv;
    String program = argv.get(0);
    Optional<Path> found = locate(state, program);
    if (found.isEmpty()) {
      return Optional.of(
          new BuildResult.Warning(
              line,
              what
                  + ": "
                  + program
                  + " does not exist in the image, so a container started from it will fail with "
                  + "\"no such file or directory\""));
    }
    FileState file = FileState.read(found.get());
    if (file.kind() != FileState.Kind.FILE || (file.mode() & 0111) == 0) {
      String shown = program.startsWith("/") ? program : state.root.relative(found.get());
      return Optional.of(
          new BuildResult.Warning(
              line,
              what
                  + ": "
                  + shown
                  + " is not "
                  + "executable (mode "
                  + String.format("%04o", file.mode())
                  + "), so a container "
                  + "started from this image will fail with \"permission denied\"; copy it with "
                  + "COPY --chmod=755, run chmod +x on it, or start it through a shell such as "
                  + "[\"/bin/sh\", \""
                  + program
                  + "\"]"));
    }
    return Optional.empty();
  }

  private static Optional<Path> locate(StageState state, String program) throws IOException {
    RootFs root = state.root;
    if (program.contains("/")) {
      String path =
          program.startsWith("/")
              ? program
              : (state.workingDir.isEmpty() ? "/" : state.workingDir) + "/" + program;
      return existing(root, path);
    }
    String pathVar = state.env.getOrDefault("PATH", StageState.DEFAULT_PATH);
    for (String dir : pathVar.split(":")) {
      Optional<Path> candidate = existing(root, dir + "/" + program);
      if (candidate.isPresent()) {
        return candidate;
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> existing(RootFs root, String path) throws IOException {
    Path p = root.resolve(path, true);
    return Files.exists(p) ? Optional.of(p) : Optional.empty();
  }
}
