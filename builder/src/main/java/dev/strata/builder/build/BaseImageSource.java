package dev.strata.builder.build;

/** Finds a base image by reference and makes sure its layers are in the blob store. */
public interface BaseImageSource {
  BaseImage pull(String reference, int line) throws BuildException;
}
