package dev.strata.builder.run;

import dev.strata.builder.layer.Owner;
import java.nio.file.Path;
import java.util.List;

/**
 * One command to run inside a root filesystem.
 *
 * @param root the unpacked filesystem that becomes the command's {@code /}
 * @param argv the program and its arguments, as the container would exec them
 * @param env {@code KEY=value} entries, the whole environment the command sees
 * @param workingDir the directory inside the root the command starts in
 * @param user the numeric user and group the command runs as inside the root
 */
public record RunSpec(
    Path root, List<String> argv, List<String> env, String workingDir, Owner user) {}
