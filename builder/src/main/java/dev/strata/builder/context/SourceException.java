package dev.strata.builder.context;

import java.io.IOException;

/** A COPY or ADD source that cannot be used: missing, excluded, or outside its tree. */
public final class SourceException extends IOException {
  public SourceException(String message) {
    super(message);
  }
}
