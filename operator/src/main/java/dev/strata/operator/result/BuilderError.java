package dev.strata.operator.result;

/**
 * The builder's report of a failed build.
 *
 * @param message what failed, as the builder said it
 * @param line the Dockerfile line, when the builder named one
 */
public record BuilderError(String message, Integer line) {}
