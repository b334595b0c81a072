package dev.strata.builder.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The options of {@code strata build}, parsed from its arguments. */
record BuildOptions(
    Path context,
    Optional<Path> file,
    List<String> destinations,
    Map<String, String> buildArgs,
    Set<String> insecureRegistries,
    Optional<String> registryMirror,
    Optional<Path> cacheDir,
    Optional<Path> ociLayout,
    Optional<Path> dockerConfig,
    Optional<String> target,
    Optional<Path> resultFile) {

  static final String USAGE =
      """
      usage: strata build --context DIR [--file PATH] --destination REF [--destination REF ...]
                          [--build-arg K=V]... [--target STAGE]
                          [--insecure-registry HOST:PORT]... [--registry-mirror HOST:PORT]
                          [--cache-dir DIR] [--oci-layout DIR] [--docker-config FILE]
                          [--result-file FILE]""";

  /** Thrown for arguments that do not make a build; the message says which. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  static BuildOptions parse(List<String> args) throws UsageException {
    Path context = null;
    Optional<Path> file = Optional.empty();
    List<String> destinations = new ArrayList<>();
    Map<String, String> buildArgs = new LinkedHashMap<>();
    Set<String> insecure = new LinkedHashSet<>();
    Optional<String> mirror = Optional.empty();
    Optional<Path> cache = Optional.empty();
    Optional<Path> layout = Optional.empty();
    Optional<Path> dockerConfig = Optional.empty();
    Optional<String> target = Optional.empty();
    Optional<Path> resultFile = Optional.empty();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else {
        if (i + 1 >= args.size()) {
          throw new UsageException(arg + " needs a value");
        }
        value = args.get(++i);
      }
      switch (name) {
        case "--context" -> context = Path.of(value);
        case "--file", "-f" -> file = Optional.of(Path.of(value));
        case "--destination", "-t" -> destinations.add(value);
        case "--build-arg" -> {
          int kv = value.indexOf('=');
          if (kv <= 0) {
            throw new UsageException("--build-arg " + value + " is not KEY=VALUE");
          }
          buildArgs.put(value.substring(0, kv), value.substring(kv + 1));
        }
        case "--insecure-registry" -> insecure.add(value);
        case "--registry-mirror" -> mirror = Optional.of(value);
        case "--cache-dir" -> cache = Optional.of(Path.of(value));
        case "--oci-layout" -> layout = Optional.of(Path.of(value));
        case "--docker-config" -> dockerConfig = Optional.of(Path.of(value));
        case "--target" -> target = Optional.of(value);
        case "--result-file" -> resultFile = Optional.of(Path.of(value));
        default -> throw new UsageException("unknown option " + arg);
      }
    }
    if (context == null) {
      throw new UsageException("--context is required");
    }
    if (destinations.isEmpty()) {
      throw new UsageException("at least one --destination is required");
    }
    return new BuildOptions(
        context,
        file,
        destinations,
        buildArgs,
        insecure,
        mirror,
        cache,
        layout,
        dockerConfig,
        target,
        resultFile);
  }
}
