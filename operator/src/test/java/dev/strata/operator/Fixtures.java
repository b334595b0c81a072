package dev.strata.operator;

import dev.strata.operator.api.ImageBuild;
import dev.strata.operator.api.ImageBuildSpec;
import dev.strata.operator.api.InlineFile;
import dev.strata.operator.api.Source;
import dev.strata.operator.buildpod.BuildPodSettings;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test data: ImageBuilds, settings and builder output. */
public final class Fixtures {

  public static final String BUSYBOX_WHILE_DOCKERFILE =
      "FROM registry.local:5000/library/busybox:latest\n"
          + "COPY . /\n"
          + "RUN cat /hello.txt\n"
          + "ENTRYPOINT [\"/bin/sh\",\"/while.sh\"]\n";

  public static final String WHILE_SH =
      "#!/bin/sh\ni=1\nwhile true\ndo\n\techo \"hello world,sanchuang $i\"\n\ti=$((i+1))\n"
          + "\tsleep 1\ndone\n";

  private Fixtures() {}

  public static BuildPodSettings settings() {
    return new BuildPodSettings(
        "registry.local:5000/strata/builder:0.1.0",
        "IfNotPresent",
        65532,
        Duration.ofMinutes(30),
        new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity("500m"))
            .addToRequests("memory", new Quantity("1Gi"))
            .addToLimits("memory", new Quantity("1Gi"))
            .build());
  }

  public static final Optional<String> CACHE_CLAIM = Optional.of("strata-cache");

  /** The seed example busybox-while as inline files. */
  public static List<InlineFile> busyboxWhileFiles() {
    return List.of(
        new InlineFile("Dockerfile", BUSYBOX_WHILE_DOCKERFILE, null),
        new InlineFile("hello.txt", "welcome to sanchuang!\n", null),
        new InlineFile("while.sh", WHILE_SH, "0755"));
  }

  public static ImageBuildSpec inlineSpec(String destination) {
    return new ImageBuildSpec(
        new Source(busyboxWhileFiles(), null, null),
        null,
        Map.of("VERSION", "1.1"),
        null,
        List.of(destination),
        null,
        List.of("registry.local:5000"),
        null,
        null,
        null,
        null,
        null);
  }

  public static ImageBuild imageBuild(String namespace, String name, ImageBuildSpec spec) {
    ImageBuild build = new ImageBuild();
    build.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withUid("6b1c1c1e-0000-4000-8000-000000000001")
            .withGeneration(1L)
            .build());
    build.setSpec(spec);
    return build;
  }

  /** A builder result JSON with {@code layers} layers, the first {@code cached} of them reused. */
  public static String resultJson(int layers, int cached) {
    StringBuilder json = new StringBuilder();
    json.append("{\"image\":\"registry.local:5000/demo/app@").append(digest(999)).append("\",");
    json.append("\"digest\":\"").append(digest(999)).append("\",");
    json.append("\"baseImage\":{\"reference\":\"registry.local:5000/library/busybox:latest\",");
    json.append("\"digest\":\"").append(digest(998)).append("\"},");
    json.append("\"layers\":[");
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      entries.add(
          "{\"digest\":\""
              + digest(i)
              + "\",\"size\":"
              + (1000 + i)
              + ",\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
              + "\"createdBy\":\"RUN echo layer "
              + i
              + " > /layer-"
              + i
              + ".txt\",\"cached\":"
              + (i < cached)
              + "}");
    }
    json.append(String.join(",", entries)).append("],");
    json.append("\"warnings\":[]}");
    return json.toString();
  }

  /** A distinct, well-formed sha256 digest for {@code n}. */
  public static String digest(int n) {
    return "sha256:" + String.format("%064x", n);
  }
}
