package dev.strata.operator.buildpod;

/** The build context cannot be assembled as the spec asks; the user must change the spec. */
public class InvalidSourceException extends RuntimeException {

  public InvalidSourceException(String message) {
    super(message);
  }
}
