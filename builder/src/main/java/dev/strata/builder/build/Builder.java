package dev.strata.builder.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.builder.cache.BlobStore;
import dev.strata.builder.cache.StepCache;
import dev.strata.builder.context.SourceTree;
import dev.strata.builder.dockerfile.Dockerfile;
import dev.strata.builder.dockerfile.DockerfileException;
import dev.strata.builder.dockerfile.DockerfileParser;
import dev.strata.builder.dockerfile.Instruction;
import dev.strata.builder.dockerfile.Stage;
import dev.strata.builder.dockerfile.WordExpander;
import dev.strata.builder.image.Descriptor;
import dev.strata.builder.image.Digest;
import dev.strata.builder.image.ImageConfig;
import dev.strata.builder.image.MediaTypes;
import dev.strata.builder.layer.LayerWriter;
import dev.strata.builder.run.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds an image from a Dockerfile: parses it, runs the stages the target needs, writes the config
 * and manifest, and hands the image to a sink.
 */
public final class Builder {
  /** Every timestamp in the image, so the same input gives the same digest anywhere. */
  static final String CREATED = "1970-01-01T00:00:00Z";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final CommandRunner runner;
  private final BuildListener listener;

  public Builder(CommandRunner runner, BuildListener listener) {
    this.runner = runner;
    this.listener = listener;
  }

  public BuildResult build(BuildRequest request, BaseImageSource baseImages, ImageSink sink)
      throws BuildException, IOException, InterruptedException {
    if (!Files.isDirectory(request.context())) {
      throw new BuildException(
          0,
          "the build context "
              + request.context()
              + " is not a directory; pass an existing directory to --context");
    }
    for (String destination : request.destinations()) {
      sink.check(destination);
    }
    Dockerfile dockerfile = parse(request);
    BlobStore blobs = new BlobStore(request.cacheDir());
    Files.createDirectories(request.workDir());
    if (!Files.isDirectory(request.context())) {
      throw new BuildException(0, "the build context " + request.context() + " is not a directory");
    }
    Map<String, StageState> finished = new HashMap<>();
    StepContext ctx =
        new StepContext(
            blobs,
            new StepCache(blobs),
            runner,
            new LayerWriter(0),
            baseImages,
            SourceTree.context(request.context()),
            request.buildArgs(),
            finished,
            request.workDir(),
            listener,
            Platforms.architecture(),
            "linux");
    StageState last = buildStages(dockerfile, request, ctx);
    warnUnusedBuildArgs(dockerfile, request);
    return finish(last, request, blobs, sink);
  }

  private Dockerfile parse(BuildRequest request) throws BuildException, IOException {
    Path file = request.dockerfile().orElse(request.context().resolve("Dockerfile"));
    String text;
    if (Files.isDirectory(file)) {
      throw new BuildException(
          0, "the Dockerfile " + file + " is a directory; pass the file " + "with --file");
    }
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new BuildException(
          0, "no Dockerfile at " + file + "; pass --file or put a Dockerfile in the context");
    }
    try {
      return new DockerfileParser().parse(text);
    } catch (DockerfileException e) {
      throw BuildException.ofDockerfile(e);
    }
  }

  private StageState buildStages(Dockerfile dockerfile, BuildRequest request, StepContext ctx)
      throws BuildException, IOException, InterruptedException {
    WordExpander words = new WordExpander(dockerfile.escape());
    Map<String, String> globals = new LinkedHashMap<>();
    for (Instruction.Arg arg : dockerfile.globalArgs()) {
      for (Instruction.ArgDeclaration decl : arg.args()) {
        String value = request.buildArgs().get(decl.name());
        if (value == null) {
          value = decl.defaultValue().map(d -> words.word(d, globals)).orElse("");
        }
        globals.put(decl.name(), value);
      }
    }
    int target = targetIndex(dockerfile, request.target());
    java.util.TreeSet<Integer> needed = StageGraph.needed(dockerfile, target, words, globals);
    StageState last = null;
    for (int index : needed) {
      Stage stage = dockerfile.stages().get(index);
      listener.info(
          "stage " + (stage.index() + 1) + "/" + (target + 1) + ": " + stage.from().original());
      StageState state = new StageBuilder(ctx, dockerfile.escape(), globals).build(stage);
      ctx.finishedStages().put(String.valueOf(stage.index()), state);
      if (stage.from().alias().isPresent()) {
        ctx.finishedStages().put(stage.from().alias().get().toLowerCase(), state);
      }
      last = state;
    }
    return last;
  }

  /** Like other builders, says when a --build-arg matched no ARG, which is usually a typo. */
  private void warnUnusedBuildArgs(Dockerfile dockerfile, BuildRequest request) {
    java.util.Set<String> declared = new java.util.HashSet<>();
    dockerfile.globalArgs().forEach(a -> a.args().forEach(d -> declared.add(d.name())));
    for (Stage stage : dockerfile.stages()) {
      for (Instruction instruction : stage.instructions()) {
        if (instruction instanceof Instruction.Arg arg) {
          arg.args().forEach(d -> declared.add(d.name()));
        }
      }
    }
    for (String name : request.buildArgs().keySet()) {
      if (!declared.contains(name)) {
        listener.info("warning: --build-arg " + name + " was not consumed: no ARG declares it");
      }
    }
  }

  private static int targetIndex(Dockerfile dockerfile, Optional<String> target)
      throws BuildException {
    if (target.isEmpty()) {
      return dockerfile.stages().size() - 1;
    }
    for (Stage stage : dockerfile.stages()) {
      if (stage.from().alias().map(a -> a.equalsIgnoreCase(target.get())).orElse(false)) {
        return stage.index();
      }
    }
    throw new BuildException(0, "the Dockerfile has no stage named '" + target.get() + "'");
  }

  private BuildResult finish(
      StageState state, BuildRequest request, BlobStore blobs, ImageSink sink)
      throws BuildException, IOException {
    List<ImageConfig.History> history = new ArrayList<>();
    for (ImageConfig.History h : state.history) {
      history.add(
          new ImageConfig.History(
              h.created() == null ? CREATED : h.created(),
              h.createdBy(),
              h.comment(),
              h.emptyLayer()));
    }
    List<Digest> diffIds = state.layers.stream().map(StageState.LayerRecord::diffId).toList();
    ImageConfig config =
        new ImageConfig(
            CREATED,
            state.author,
            state.architecture,
            state.os,
            state.variant,
            state.container(),
            new ImageConfig.RootFs("layers", diffIds),
            history);
    byte[] configBytes = JSON.writeValueAsBytes(config);
    Descriptor configDescriptor =
        new Descriptor(MediaTypes.OCI_CONFIG, blobs.put(configBytes), configBytes.length);
    List<Descriptor> layers = StageBuilder.descriptors(state);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
    manifest.put("config", configDescriptor);
    manifest.put("layers", layers);
    byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
    Digest digest = blobs.put(manifestBytes);

    List<BuildResult.Warning> warnings = new ArrayList<>();
    EntrypointCheck.check(state).ifPresent(warnings::add);
    warnings.forEach(
        w -> listener.info("warning: Dockerfile line " + w.line() + ": " + w.message()));

    ImageSink.FinishedImage image =
        new ImageSink.FinishedImage(
            manifestBytes, MediaTypes.OCI_MANIFEST, configDescriptor, layers, state.base);
    for (String destination : request.destinations()) {
      sink.storeBlobs(destination, image);
    }
    String first = null;
    for (String destination : request.destinations()) {
      String published = sink.publish(destination, image);
      first = first == null ? published : first;
    }
    List<BuildResult.Layer> resultLayers = new ArrayList<>();
    for (StageState.LayerRecord layer : state.layers) {
      resultLayers.add(
          new BuildResult.Layer(
              layer.digest().toString(),
              layer.size(),
              layer.mediaType(),
              layer.createdBy(),
              layer.cached()));
    }
    BuildResult.BaseImage base =
        state.base == null
            ? new BuildResult.BaseImage(null, null)
            : new BuildResult.BaseImage(
                state.base.reference(), state.base.manifestDigest().toString());
    return new BuildResult(first, digest.toString(), base, resultLayers, warnings);
  }
}
