package dev.strata.builder.layer;

import java.io.IOException;

/** An archive member that would land outside the image root, or that cannot be unpacked. */
public final class UnsafeArchiveException extends IOException {
  public UnsafeArchiveException(String message) {
    super(message);
  }
}
