package dev.strata.builder.image;

/** An image reference that does not follow Docker's grammar; the message names the reference. */
public final class InvalidReferenceException extends IllegalArgumentException {
  private final String reference;

  public InvalidReferenceException(String reference, String problem) {
    super(
        "Invalid image reference '"
            + reference
            + "': "
            + problem
            + ". Expected [registry[:port]/]repository[:tag][@sha256:digest],"
            + " e.g. busybox, alpine:3.20 or registry.example.com:5000/team/app:1.0");
    this.reference = reference;
  }

  public String reference() {
    return reference;
  }
}
