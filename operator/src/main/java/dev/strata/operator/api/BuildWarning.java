package dev.strata.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something the builder noticed that will likely fail at run time, e.g. an ENTRYPOINT script
 * without its execute bit.
 *
 * @param line the Dockerfile line, when there is one
 * @param message what is wrong and what to do
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BuildWarning(Integer line, String message) {}
