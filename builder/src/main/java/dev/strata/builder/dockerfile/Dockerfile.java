package dev.strata.builder.dockerfile;

import java.util.List;
import java.util.Map;

/**
 * A parsed Dockerfile.
 *
 * @param directives parser directives from the top of the file (lower-case keys)
 * @param globalArgs ARG instructions before the first FROM
 * @param stages the build stages in order
 * @param escape the escape character in force ({@code \} or {@code `})
 */
public record Dockerfile(
    Map<String, String> directives,
    List<Instruction.Arg> globalArgs,
    List<Stage> stages,
    char escape) {}
