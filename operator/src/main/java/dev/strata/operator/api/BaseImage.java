package dev.strata.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The image the final stage started from.
 *
 * @param reference as written in FROM (after argument expansion)
 * @param digest the manifest digest it resolved to
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BaseImage(String reference, String digest) {}
