package dev.strata.operator.api;

/** Patterns for names and references that appear in an {@code ImageBuild} spec. */
public final class Names {

  /** A Kubernetes object name such as a Secret or ConfigMap name (RFC 1123 subdomain). */
  public static final String DNS_SUBDOMAIN_PATTERN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** A registry host with an optional port, e.g. {@code registry.local:5000}. */
  public static final String REGISTRY_HOST_PATTERN =
      "^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$";

  /**
   * A push destination: registry host (required, so a push never lands on Docker Hub by accident),
   * repository path in lower case, optional tag, never a digest.
   */
  public static final String DESTINATION_PATTERN =
      "^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?"
          + "(/[a-z0-9]+([._-]+[a-z0-9]+)*)+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$";

  private Names() {}
}
