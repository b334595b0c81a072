package dev.strata.builder.build;

import dev.strata.builder.image.Descriptor;
import dev.strata.builder.image.Digest;
import dev.strata.builder.image.ImageConfig;
import java.util.List;

/**
 * A base image whose layers are in the blob store.
 *
 * @param reference the reference as resolved (mirror applied)
 * @param registry the registry host it came from, for cross-repository mounts
 * @param repository the repository it came from
 * @param manifestDigest the digest of the platform manifest
 * @param layers the layer descriptors, lowest first
 * @param cached for each layer, whether it was in the store before this build
 */
public record BaseImage(
    String reference,
    String registry,
    String repository,
    Digest manifestDigest,
    ImageConfig config,
    List<Descriptor> layers,
    List<Boolean> cached) {}
