package dev.strata.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why a build failed.
 *
 * @param reason a CamelCase reason, the same as the Succeeded condition's
 * @param message the builder's or the operator's explanation
 * @param line the Dockerfile line the failure belongs to, when there is one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BuildFailure(String reason, String message, Integer line) {}
