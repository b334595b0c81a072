package dev.strata.operator.buildpod;

import dev.strata.operator.api.ImageBuildSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The {@code strata build} command line for an ImageBuild spec. */
final class BuilderArguments {

  private BuilderArguments() {}

  static List<String> of(ImageBuildSpec spec, String contextPath) {
    List<String> args = new ArrayList<>();
    args.add("build");
    args.add("--context");
    args.add(contextPath);
    args.add("--file");
    args.add(contextPath + "/" + spec.dockerfileOrDefault());
    for (String destination : spec.destinations()) {
      args.add("--destination");
      args.add(destination);
    }
    // Sorted, so the same spec always gives the same pod.
    Map<String, String> buildArgs =
        spec.buildArgs() == null ? Map.of() : new TreeMap<>(spec.buildArgs());
    buildArgs.forEach(
        (name, value) -> {
          args.add("--build-arg");
          args.add(name + "=" + (value == null ? "" : value));
        });
    if (spec.target() != null && !spec.target().isEmpty()) {
      args.add("--target");
      args.add(spec.target());
    }
    if (spec.insecureRegistries() != null) {
      for (String registry : spec.insecureRegistries()) {
        args.add("--insecure-registry");
        args.add(registry);
      }
    }
    if (spec.registryMirror() != null && !spec.registryMirror().isEmpty()) {
      args.add("--registry-mirror");
      args.add(spec.registryMirror());
    }
    args.add("--cache-dir");
    args.add(BuildPodFactory.CACHE_DIR);
    if (spec.pushSecretName() != null && !spec.pushSecretName().isEmpty()) {
      args.add("--docker-config");
      args.add(BuildPodFactory.DOCKER_CONFIG_DIR + "/config.json");
    }
    args.add("--result-file");
    args.add(BuildPodFactory.TERMINATION_MESSAGE);
    return args;
  }
}
