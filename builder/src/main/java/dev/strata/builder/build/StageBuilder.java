package dev.strata.builder.build;

import dev.strata.builder.cache.StepCache;
import dev.strata.builder.dockerfile.DockerfileException;
import dev.strata.builder.dockerfile.DockerfileParser;
import dev.strata.builder.dockerfile.Instruction;
import dev.strata.builder.dockerfile.Stage;
import dev.strata.builder.dockerfile.WordExpander;
import dev.strata.builder.image.Descriptor;
import dev.strata.builder.image.Digest;
import dev.strata.builder.image.ImageConfig;
import dev.strata.builder.image.MediaTypes;
import dev.strata.builder.layer.Change;
import dev.strata.builder.layer.LayerBlob;
import dev.strata.builder.layer.LayerExtractor;
import dev.strata.builder.layer.RootFs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Runs one stage: its FROM, then each instruction in order, either changing the config or adding a
 * layer. Layer steps consult the step cache first.
 */
final class StageBuilder {
  private final StepContext ctx;
  private final WordExpander words;
  private final Map<String, String> globalArgs;

  StageBuilder(StepContext ctx, char escape, Map<String, String> globalArgs) {
    this.ctx = ctx;
    this.words = new WordExpander(escape);
    this.globalArgs = globalArgs;
  }

  StageState build(Stage stage) throws BuildException, IOException, InterruptedException {
    StageState state = new StageFrom(ctx, words, globalArgs).start(stage);
    state.buildArgs = ctx.buildArgs();
    state.globalArgs = globalArgs;
    Steps steps = new Steps(ctx, words, state);
    for (Instruction trigger : onBuildTriggers(state, stage.from())) {
      ctx.listener().info("ONBUILD trigger of the base image: " + trigger.original());
      apply(steps, state, trigger, stage.from().line());
    }
    List<Instruction> instructions = stage.instructions();
    for (int i = 0; i < instructions.size(); i++) {
      Instruction instruction = instructions.get(i);
      ctx.listener().step(i + 1, instructions.size(), instruction.original());
      apply(steps, state, instruction, instruction.line());
    }
    steps.flushPending(stage);
    return state;
  }

  private static void apply(Steps steps, StageState state, Instruction instruction, int line)
      throws BuildException, IOException, InterruptedException {
    try {
      steps.apply(instruction);
    } catch (DockerfileException e) {
      throw e.line() > 0
          ? BuildException.ofDockerfile(e)
          : new BuildException(line, e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new BuildException(line, e.getMessage(), e);
    }
    state.chain =
        Digest.of((state.chain + "\n" + instruction.original()).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The ONBUILD triggers of the base image, parsed; they run right after FROM, as if written there,
   * and are not passed on to the image being built.
   */
  private static List<Instruction> onBuildTriggers(StageState state, Instruction.From from)
      throws BuildException {
    if (state.base == null
        || state.base.config().config() == null
        || state.base.config().config().onBuild() == null) {
      return List.of();
    }
    List<Instruction> triggers = new java.util.ArrayList<>();
    for (String trigger : state.base.config().config().onBuild()) {
      try {
        triggers.addAll(DockerfileParser.instructions(trigger));
      } catch (DockerfileException e) {
        throw new BuildException(
            from.line(),
            "the base image's ONBUILD trigger '"
                + trigger
                + "' cannot be parsed: "
                + e.getMessage(),
            e);
      }
    }
    return triggers;
  }

  /** Applies a stored layer to the root filesystem, as a later step will see it. */
  static void applyLayer(Path blob, RootFs root) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(blob), 64 * 1024)) {
      new LayerExtractor(true).extract(in, root, "/");
    }
  }

  /** Writes a layer of {@code changes}, stores it and records it in the stage. */
  static void addLayer(
      StepContext ctx, StageState state, List<Change> changes, String createdBy, Digest key)
      throws IOException {
    Path temp = ctx.blobs().newTempFile();
    LayerBlob blob = ctx.layerWriter().write(state.root, changes, temp);
    ctx.blobs().commitVerified(temp, blob.digest());
    ctx.steps().record(key, new StepCache.Entry(blob.digest(), blob.diffId(), blob.size()));
    state.layers.add(
        new StageState.LayerRecord(
            blob.digest(),
            blob.size(),
            MediaTypes.OCI_LAYER_GZIP,
            blob.diffId(),
            createdBy,
            false));
    state.history.add(new ImageConfig.History(null, createdBy, null, false));
    ctx.listener().info("layer " + blob.digest() + " (" + blob.size() + " bytes)");
    followLayer(state, blob.digest());
  }

  /** Reuses a cached layer: applies it and records it as cached. */
  static void reuseLayer(StepContext ctx, StageState state, StepCache.Entry entry, String createdBy)
      throws IOException {
    Path blob =
        ctx.blobs()
            .get(entry.digest())
            .orElseThrow(
                () ->
                    new IOException("cached layer " + entry.digest() + " vanished from the cache"));
    applyLayer(blob, state.root);
    state.layers.add(
        new StageState.LayerRecord(
            entry.digest(),
            entry.size(),
            MediaTypes.OCI_LAYER_GZIP,
            entry.diffId(),
            createdBy,
            true));
    state.history.add(new ImageConfig.History(null, createdBy, null, false));
    ctx.listener().info("cache hit: " + createdBy);
    followLayer(state, entry.digest());
  }

  /**
   * Later steps' cache keys depend on the layer this step actually produced, not only on its
   * inputs: two builds sharing a cache may run the same step at once and get different layers (a
   * RUN that is not reproducible), and each must go on from its own.
   */
  private static void followLayer(StageState state, Digest layer) {
    state.chain = Digest.of((state.chain + "\nlayer " + layer).getBytes(StandardCharsets.UTF_8));
  }

  static List<Descriptor> descriptors(StageState state) {
    List<Descriptor> list = new ArrayList<>();
    for (StageState.LayerRecord layer : state.layers) {
      list.add(new Descriptor(layer.mediaType(), layer.digest(), layer.size()));
    }
    return list;
  }
}
