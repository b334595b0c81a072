package dev.strata.builder.image;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference, parsed the way Docker does: a reference without a registry host names Docker
 * Hub ({@code docker.io}), a single-component Hub repository lives under {@code library/}, and a
 * reference without tag or digest means {@code :latest}.
 *
 * <p>{@code docker.io} is only a name here; which host is contacted for it is the registry client's
 * business.
 */
public final class Reference {
  /** The registry name of Docker Hub in parsed references. */
  public static final String DOCKER_HUB = "docker.io";

  public static final String DEFAULT_TAG = "latest";

  private static final String HUB_LEGACY_HOST = "index.docker.io";
  private static final int MAX_NAME_LENGTH = 255;
  private static final String HOST_LABEL = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final Pattern REGISTRY =
      Pattern.compile(
          "(?:" + HOST_LABEL + "(?:\\." + HOST_LABEL + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
  private static final Pattern PATH_COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");

  private final String registry;
  private final String repository;
  private final String tag;
  private final Digest digest;

  private Reference(String registry, String repository, String tag, Digest digest) {
    this.registry = registry;
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
  }

  /**
   * Parses a reference such as {@code busybox}, {@code host:5000/a/b:tag}, {@code name@sha256:...}
   * or {@code name:tag@sha256:...}.
   *
   * @throws InvalidReferenceException naming the text and what is wrong with it
   */
  public static Reference parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new InvalidReferenceException(String.valueOf(text), "it is empty");
    }
    if (IMAGE_ID.matcher(text).matches()) {
      throw new InvalidReferenceException(
          text, "a repository name cannot be a 64-digit hex string (that is an image id)");
    }
    String name = text;
    Digest digest = null;
    int at = text.indexOf('@');
    if (at >= 0) {
      digest = parseDigest(text, text.substring(at + 1));
      name = text.substring(0, at);
    }

    String tag = null;
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      tag = name.substring(colon + 1);
      name = name.substring(0, colon);
    }

    String registry = DOCKER_HUB;
    String repository = name;
    int slash = name.indexOf('/');
    if (slash >= 0 && looksLikeHost(name.substring(0, slash))) {
      registry = name.substring(0, slash);
      repository = name.substring(slash + 1);
    }
    if (registry.equals(HUB_LEGACY_HOST)) {
      registry = DOCKER_HUB;
    }
    if (registry.equals(DOCKER_HUB) && repository.indexOf('/') < 0) {
      repository = "library/" + repository;
    }

    if (tag == null && digest == null) {
      tag = DEFAULT_TAG;
    }
    return validated(text, registry, repository, tag, digest);
  }

  /** A reference from its parts; {@code tag} and {@code digest} may be null but not both. */
  public static Reference of(String registry, String repository, String tag, Digest digest) {
    String text = format(registry, repository, tag, digest);
    if (tag == null && digest == null) {
      throw new InvalidReferenceException(text, "it has neither a tag nor a digest");
    }
    return validated(text, registry, repository, tag, digest);
  }

  // Docker's rule: the first component is a host only if it has a dot or a port, is
  // "localhost", or has upper-case letters (which repository names may not have).
  private static boolean looksLikeHost(String component) {
    return component.contains(".")
        || component.contains(":")
        || component.equals("localhost")
        || !component.equals(component.toLowerCase(java.util.Locale.ROOT));
  }

  private static Digest parseDigest(String text, String value) {
    if (!value.startsWith("sha256:")) {
      throw new InvalidReferenceException(text, "only sha256 digests are supported");
    }
    try {
      return Digest.parse(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidReferenceException(
          text, "the digest must be sha256: followed by 64 lower-case hex digits");
    }
  }

  private static Reference validated(
      String text, String registry, String repository, String tag, Digest digest) {
    if (registry == null || !REGISTRY.matcher(registry).matches()) {
      throw new InvalidReferenceException(text, "'" + registry + "' is not a valid registry host");
    }
    if (repository == null || repository.isEmpty()) {
      throw new InvalidReferenceException(text, "the repository name is empty");
    }
    for (String component : repository.split("/", -1)) {
      if (!PATH_COMPONENT.matcher(component).matches()) {
        throw new InvalidReferenceException(
            text,
            "repository component '"
                + component
                + "' must be lower-case letters and digits, separated by '.', '_', '__' or '-'");
      }
    }
    if (registry.length() + 1 + repository.length() > MAX_NAME_LENGTH) {
      throw new InvalidReferenceException(
          text, "the name is longer than " + MAX_NAME_LENGTH + " characters");
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw new InvalidReferenceException(
          text,
          "tag '"
              + tag
              + "' must be 1-128 letters, digits, '_', '.' or '-' and not start with"
              + " '.' or '-'");
    }
    return new Reference(registry, repository, tag, digest);
  }

  /** The registry host, with port if any; {@code docker.io} for Docker Hub. */
  public String registry() {
    return registry;
  }

  /** The repository within the registry, e.g. {@code library/busybox}. */
  public String repository() {
    return repository;
  }

  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  public Optional<Digest> digest() {
    return Optional.ofNullable(digest);
  }

  /**
   * What the registry API calls the manifest's reference: the digest when there is one (a tag
   * beside a digest is then only informative, as with Docker), otherwise the tag.
   */
  public String tagOrDigest() {
    return digest != null ? digest.toString() : tag;
  }

  public boolean isDockerHub() {
    return registry.equals(DOCKER_HUB);
  }

  /** The same repository with this tag and no digest. */
  public Reference withTag(String newTag) {
    return validated(
        format(registry, repository, newTag, null), registry, repository, newTag, null);
  }

  /** The same repository and tag, pinned to this digest. */
  public Reference withDigest(Digest newDigest) {
    return new Reference(registry, repository, tag, Objects.requireNonNull(newDigest));
  }

  /** Another repository on the same registry, with the same tag and digest. */
  public Reference withRepository(String newRepository) {
    String text = format(registry, newRepository, tag, digest);
    return validated(text, registry, newRepository, tag, digest);
  }

  /**
   * This reference served by a mirror of Docker Hub: {@code busybox} becomes {@code
   * MIRROR/library/busybox:latest}. References to other registries are returned unchanged.
   *
   * @param mirrorHost the mirror's host, with port if any
   */
  public Reference mirroredTo(String mirrorHost) {
    if (!isDockerHub()) {
      return this;
    }
    String text = format(mirrorHost, repository, tag, digest);
    return validated(text, mirrorHost, repository, tag, digest);
  }

  private static String format(String registry, String repository, String tag, Digest digest) {
    StringBuilder text = new StringBuilder().append(registry).append('/').append(repository);
    if (tag != null) {
      text.append(':').append(tag);
    }
    if (digest != null) {
      text.append('@').append(digest);
    }
    return text.toString();
  }

  /** The full form, {@code registry/repository[:tag][@digest]}, which parses back to this. */
  @Override
  public String toString() {
    return format(registry, repository, tag, digest);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Reference that
        && registry.equals(that.registry)
        && repository.equals(that.repository)
        && Objects.equals(tag, that.tag)
        && Objects.equals(digest, that.digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(registry, repository, tag, digest);
  }
}
