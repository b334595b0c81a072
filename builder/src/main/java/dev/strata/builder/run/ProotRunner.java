package dev.strata.builder.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs commands with proot, which fakes the root user and the changed root directory with ptrace:
 * no capabilities, no user namespace, so it works in a pod under the "restricted" Pod Security
 * Standard.
 *
 * <p>Accepted risk: proot's fake root does not keep ownership changes, so a {@code chown} in a RUN
 * succeeds for the command but the file keeps the owner the build gave it.
 */
public final class ProotRunner implements CommandRunner {
  private final String proot;
  private final Path tempDir;

  public ProotRunner(String proot, Path tempDir) {
    this.proot = proot;
    this.tempDir = tempDir;
  }

  /** The proot named by STRATA_PROOT, or the first one on PATH. */
  public static ProotRunner fromEnvironment(Path tempDir) {
    String configured = System.getenv("STRATA_PROOT");
    if (configured != null) {
      return new ProotRunner(configured, tempDir);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(dir, "proot");
      if (Files.isExecutable(candidate)) {
        return new ProotRunner(candidate.toString(), tempDir);
      }
    }
    return new ProotRunner("/usr/bin/proot", tempDir);
  }

  @Override
  public int run(RunSpec spec, Consumer<String> output) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(proot);
    command.add(spec.user().uid() == 0 ? "-0" : "-i");
    if (spec.user().uid() != 0) {
      command.add(spec.user().uid() + ":" + spec.user().gid());
    }
    command.addAll(List.of("-r", spec.root().toString(), "-w", spec.workingDir()));
    for (String bind : List.of("/dev", "/proc", "/sys")) {
      command.addAll(List.of("-b", bind));
    }
    command.addAll(spec.argv());

    Files.createDirectories(tempDir);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    // The command sees the image's environment; proot's own settings pass through as well.
    pb.environment().clear();
    System.getenv()
        .forEach(
            (k, v) -> {
              if (k.startsWith("PROOT_")) {
                pb.environment().put(k, v);
              }
            });
    pb.environment().put("PROOT_TMP_DIR", tempDir.toString());
    for (String entry : spec.env()) {
      int eq = entry.indexOf('=');
      pb.environment().put(entry.substring(0, eq), entry.substring(eq + 1));
    }
    Process process = pb.start();
    process.getOutputStream().close();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        output.accept(line);
      }
    }
    return process.waitFor();
  }
}
