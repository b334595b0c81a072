package dev.strata.builder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code ./strata} the way a user or a build pod does: as a separate process and, when the
 * tests run as root, as an unprivileged user with no capabilities (uid and gid 65534).
 */
public final class StrataCli {
  public static final int BUILD_UID = 65534;
  private static final ObjectMapper JSON = new ObjectMapper();

  private StrataCli() {}

  /** The launcher at the root of the checkout. */
  public static Path launcher() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isExecutable(dir.resolve("strata")) && Files.exists(dir.resolve("pom.xml"))) {
        return dir.resolve("strata");
      }
    }
    throw new IllegalStateException("./strata not found above " + Path.of("").toAbsolutePath());
  }

  public static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Runs {@code strata build} with {@code args} and returns its result. */
  public static Commands.Result build(List<String> args) throws IOException, InterruptedException {
    return build(args, List.of());
  }

  /** Runs {@code strata build} with extra {@code KEY=value} environment entries. */
  public static Commands.Result build(List<String> args, List<String> environment)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (runningAsRoot()) {
      command.addAll(
          List.of(
              "setpriv",
              "--reuid=" + BUILD_UID,
              "--regid=" + BUILD_UID,
              "--clear-groups",
              "--inh-caps=-all",
              "--bounding-set=-all",
              "--no-new-privs"));
    }
    command.addAll(List.of("env", "HOME=/tmp"));
    command.addAll(environment);
    command.add(launcher().toString());
    command.add("build");
    command.addAll(args);
    return Commands.run(command, Duration.ofMinutes(5), null);
  }

  public static JsonNode json(Commands.Result result) throws IOException {
    result.requireSuccess();
    return JSON.readTree(result.stdout());
  }
}
