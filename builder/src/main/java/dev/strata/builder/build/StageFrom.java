package dev.strata.builder.build;

import dev.strata.builder.dockerfile.Instruction;
import dev.strata.builder.dockerfile.Stage;
import dev.strata.builder.dockerfile.WordExpander;
import dev.strata.builder.image.Descriptor;
import dev.strata.builder.image.Digest;
import dev.strata.builder.image.ImageConfig;
import dev.strata.builder.image.MediaTypes;
import dev.strata.builder.layer.RootFs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.io.file.PathUtils;

/** Starts a stage from scratch, from an earlier stage, or from a base image. */
final class StageFrom {
  private final StepContext ctx;
  private final WordExpander words;
  private final Map<String, String> globalArgs;

  StageFrom(StepContext ctx, WordExpander words, Map<String, String> globalArgs) {
    this.ctx = ctx;
    this.words = words;
    this.globalArgs = globalArgs;
  }

  StageState start(Stage stage) throws BuildException, IOException {
    Instruction.From from = stage.from();
    String image = words.word(from.image(), globalArgs);
    if (image.isEmpty()) {
      throw new BuildException(from.line(), "FROM names no image (" + from.original() + ")");
    }
    Path dir = ctx.workDir().resolve("stage-" + stage.index());
    if (Files.exists(dir)) {
      PathUtils.deleteDirectory(dir);
    }
    Files.createDirectories(dir);
    // A setgid bit on the folder above (a volume with a pod's fsGroup has one) would pass to
    // every directory made inside and so into the layers: the root starts as a plain 0755.
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    StageState state = new StageState(new RootFs(dir));
    state.architecture = ctx.architecture();
    state.os = ctx.os();
    String key;
    StageState earlier = ctx.finishedStages().get(image.toLowerCase());
    if (image.equals("scratch")) {
      key = "scratch";
      state.env.put("PATH", StageState.DEFAULT_PATH);
    } else if (earlier != null) {
      inherit(state, earlier);
      key = "stage " + earlier.chain;
    } else {
      BaseImage base = ctx.baseImages().pull(image, from.line());
      fromBase(state, base);
      key = base.manifestDigest().toString();
    }
    state.chain = Digest.of(("FROM " + key).getBytes(StandardCharsets.UTF_8));
    return state;
  }

  private void fromBase(StageState state, BaseImage base) throws IOException {
    state.base = base;
    ImageConfig config = base.config();
    applyConfig(state, config);
    List<String> createdBy = layerHistory(config, base.layers().size(), base.reference());
    List<Digest> diffIds = config.rootfs() == null ? List.of() : config.rootfs().diffIds();
    for (int i = 0; i < base.layers().size(); i++) {
      Descriptor layer = base.layers().get(i);
      Path blob =
          ctx.blobs()
              .get(layer.digest())
              .orElseThrow(
                  () -> new IOException("layer " + layer.digest() + " is missing from the cache"));
      StageBuilder.applyLayer(blob, state.root);
      String mediaType =
          MediaTypes.isDockerLayer(layer.mediaType())
              ? MediaTypes.OCI_LAYER_GZIP
              : layer.mediaType();
      state.layers.add(
          new StageState.LayerRecord(
              layer.digest(),
              layer.size(),
              mediaType,
              i < diffIds.size() ? diffIds.get(i) : null,
              createdBy.get(i),
              base.cached().get(i)));
    }
    if (config.history() != null) {
      state.history.addAll(config.history());
    }
  }

  /** The created_by of each layer of a base image, from its history where that adds up. */
  private static List<String> layerHistory(ImageConfig config, int layers, String reference) {
    List<String> fromHistory =
        config.history() == null
            ? List.of()
            : config.history().stream()
                .filter(h -> !h.emptyLayer())
                .map(h -> Optional.ofNullable(h.createdBy()).orElse(""))
                .toList();
    if (fromHistory.size() == layers) {
      return fromHistory;
    }
    return java.util.Collections.nCopies(layers, "FROM " + reference);
  }

  private static void applyConfig(StageState state, ImageConfig config) {
    if (config.architecture() != null) {
      state.architecture = config.architecture();
      state.os = config.os();
      state.variant = config.variant();
    }
    ImageConfig.Container c = config.config();
    if (c == null) {
      return;
    }
    if (c.env() != null) {
      for (String entry : c.env()) {
        int eq = entry.indexOf('=');
        state.env.put(
            eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
      }
    }
    state.user = Optional.ofNullable(c.user()).orElse("");
    state.workingDir = Optional.ofNullable(c.workingDir()).orElse("");
    state.entrypoint = c.entrypoint();
    state.cmd = c.cmd();
    state.shell = c.shell();
    state.stopSignal = c.stopSignal();
    state.healthcheck = c.healthcheck();
    if (c.labels() != null) {
      state.labels.putAll(c.labels());
    }
    if (c.exposedPorts() != null) {
      state.exposedPorts.putAll(c.exposedPorts());
    }
    if (c.volumes() != null) {
      state.volumes.putAll(c.volumes());
    }
  }

  /** A stage built on an earlier one starts from a copy of its filesystem and config. */
  private void inherit(StageState state, StageState earlier) throws IOException {
    PathUtils.copyDirectory(
        earlier.root.directory(),
        state.root.directory(),
        java.nio.file.LinkOption.NOFOLLOW_LINKS,
        java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    earlier.root.ownersView().forEach(state.root::setOwner);
    state.base = earlier.base;
    state.architecture = earlier.architecture;
    state.os = earlier.os;
    state.variant = earlier.variant;
    state.env.putAll(earlier.env);
    state.labels.putAll(earlier.labels);
    state.exposedPorts.putAll(earlier.exposedPorts);
    state.volumes.putAll(earlier.volumes);
    state.user = earlier.user;
    state.workingDir = earlier.workingDir;
    state.entrypoint = earlier.entrypoint;
    state.cmd = earlier.cmd;
    state.shell = earlier.shell;
    state.stopSignal = earlier.stopSignal;
    state.healthcheck = earlier.healthcheck;
    state.layers.addAll(earlier.layers);
    state.history.addAll(earlier.history);
  }
}
