package dev.strata.builder.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to build and where to put it.
 *
 * @param context the build context directory
 * @param dockerfile the Dockerfile; empty for {@code Dockerfile} in the context
 * @param destinations references to store the image under; the first one names the result
 * @param buildArgs {@code --build-arg} values
 * @param target the stage to build; empty for the last one
 * @param cacheDir the blob and step cache, which several builds may share
 * @param workDir where stages are unpacked; removed after the build
 */
public record BuildRequest(
    Path context,
    Optional<Path> dockerfile,
    List<String> destinations,
    Map<String, String> buildArgs,
    Optional<String> target,
    Path cacheDir,
    Path workDir) {}
