package dev.strata.builder.layer;

import dev.strata.builder.image.Digest;
import java.nio.file.Path;

/**
 * A written layer: the gzip file, its digest and size, and the digest of the uncompressed tar (the
 * diff ID the image config lists).
 */
public record LayerBlob(Path file, Digest digest, long size, Digest diffId) {}
