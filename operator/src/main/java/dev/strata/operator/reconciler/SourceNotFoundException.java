package dev.strata.operator.reconciler;

/** The source the spec names does not exist (yet); the build waits and tries again. */
public class SourceNotFoundException extends RuntimeException {

  public SourceNotFoundException(String message) {
    super(message);
  }
}
