package dev.strata.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One layer of the built image, in manifest order (base image layers first).
 *
 * @param digest the compressed blob's digest
 * @param size the compressed blob's size in bytes
 * @param mediaType the layer media type
 * @param createdBy the instruction that made the layer
 * @param cached true when the layer was reused (base image or instruction cache), not built
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Layer(String digest, Long size, String mediaType, String createdBy, Boolean cached) {}
