package dev.strata.builder.build;

import dev.strata.builder.image.Digest;
import dev.strata.builder.image.ImageConfig;
import dev.strata.builder.layer.Change;
import dev.strata.builder.layer.RootFs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The image a stage is making, as it stands after each instruction. */
final class StageState {
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  final RootFs root;
  final Map<String, String> env = new LinkedHashMap<>();
  final Map<String, String> args = new LinkedHashMap<>();

  /** --build-arg values, which override ARG defaults. */
  Map<String, String> buildArgs = Map.of();

  /** ARG values declared before the first FROM, which a stage may re-declare to use. */
  Map<String, String> globalArgs = Map.of();

  final Map<String, String> labels = new TreeMap<>();
  final Map<String, Map<String, Object>> exposedPorts = new TreeMap<>();
  final Map<String, Map<String, Object>> volumes = new TreeMap<>();
  final List<String> onBuild = new ArrayList<>();
  final List<ImageConfig.History> history = new ArrayList<>();
  final List<LayerRecord> layers = new ArrayList<>();

  /** Paths changed by metadata steps (WORKDIR) that the next layer must carry. */
  final List<Change> pending = new ArrayList<>();

  String user = "";
  String workingDir = "";
  List<String> entrypoint;
  List<String> cmd;
  int entrypointLine;
  int cmdLine;
  List<String> shell;
  String stopSignal;
  ImageConfig.Healthcheck healthcheck;
  String author;
  String architecture;
  String os;
  String variant;
  BaseImage base;

  /** Identifies everything the stage's filesystem depends on so far, for the step cache. */
  Digest chain;

  /** One layer of the image and where it came from. */
  record LayerRecord(
      Digest digest,
      long size,
      String mediaType,
      Digest diffId,
      String createdBy,
      boolean cached) {}

  StageState(RootFs root) {
    this.root = root;
  }

  List<String> shellOrDefault() {
    return shell == null ? List.of("/bin/sh", "-c") : shell;
  }

  /** ARG and ENV values for expanding an instruction's words; ENV wins over ARG. */
  Map<String, String> variables() {
    Map<String, String> all = new LinkedHashMap<>(args);
    all.putAll(env);
    return all;
  }

  /** The environment a RUN sees: ENV, then ARGs that ENV does not set, and a PATH. */
  List<String> runEnvironment() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("PATH", DEFAULT_PATH);
    all.putAll(args);
    all.putAll(env);
    List<String> list = new ArrayList<>();
    all.forEach((k, v) -> list.add(k + "=" + v));
    return list;
  }

  ImageConfig.Container container() {
    List<String> envList = new ArrayList<>();
    env.forEach((k, v) -> envList.add(k + "=" + v));
    return new ImageConfig.Container(
        user.isEmpty() ? null : user,
        exposedPorts.isEmpty() ? null : exposedPorts,
        envList,
        entrypoint,
        cmd,
        volumes.isEmpty() ? null : volumes,
        workingDir.isEmpty() ? null : workingDir,
        labels.isEmpty() ? null : labels,
        stopSignal,
        healthcheck,
        shell,
        onBuild.isEmpty() ? null : onBuild);
  }
}
