/**
 * The OCI image spec's data: {@link dev.strata.builder.image.Digest}, {@link
 * dev.strata.builder.image.Descriptor}, {@link dev.strata.builder.image.Manifest}, {@link
 * dev.strata.builder.image.ImageIndex}, {@link dev.strata.builder.image.Reference} and platform
 * selection. Plain values with no I/O; depends on no other Strata package.
 */
package dev.strata.builder.image;
