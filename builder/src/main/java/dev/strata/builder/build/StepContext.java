package dev.strata.builder.build;

import dev.strata.builder.cache.BlobStore;
import dev.strata.builder.cache.StepCache;
import dev.strata.builder.context.SourceTree;
import dev.strata.builder.layer.LayerWriter;
import dev.strata.builder.run.CommandRunner;
import java.nio.file.Path;
import java.util.Map;

/** What every step of a build shares: stores, tools, the context and the finished stages. */
record StepContext(
    BlobStore blobs,
    StepCache steps,
    CommandRunner runner,
    LayerWriter layerWriter,
    BaseImageSource baseImages,
    SourceTree context,
    Map<String, String> buildArgs,
    Map<String, StageState> finishedStages,
    Path workDir,
    BuildListener listener,
    String architecture,
    String os) {}
