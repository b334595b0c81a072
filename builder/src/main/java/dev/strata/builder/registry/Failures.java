package dev.strata.builder.registry;

/** Errors for answers an operation has no specific handling for. */
final class Failures {
  private Failures() {}

  static RegistryResponseException unexpected(RegistryRequest request, RegistryResponse response) {
    return new RegistryResponseException(
        request.registry(),
        response.status(),
        "Could not "
            + request.action()
            + " (repository "
            + request.repository()
            + " on registry "
            + request.registry()
            + "): the registry answered "
            + response.said()
            + ". "
            + advice(response.status(), response.said()));
  }

  private static String advice(int status, String said) {
    if (said.contains("MANIFEST_BLOB_UNKNOWN")) {
      return "The manifest refers to blobs the repository does not have; push its config and"
          + " layers first.";
    }
    if (said.contains("DIGEST_INVALID")) {
      return "The content sent does not match its digest; the local file changed or is"
          + " corrupt.";
    }
    if (status == 429) {
      return "The registry is limiting requests; wait and try again, or log in for a higher"
          + " limit.";
    }
    if (status >= 500) {
      return "The registry failed; try again later, and tell its operator if it persists.";
    }
    if (status == 413) {
      return "The registry refuses content this large; check its size limits.";
    }
    return "Check the image reference and that the registry implements the OCI distribution"
        + " API.";
  }
}
