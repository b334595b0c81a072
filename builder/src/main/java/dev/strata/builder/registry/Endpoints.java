package dev.strata.builder.registry;

import dev.strata.builder.image.Digest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The URLs of the distribution API (/v2/...) and which scheme each registry gets. */
final class Endpoints {
  // Docker Hub's API lives on another host than its name in references.
  private static final String HUB_API_HOST = "registry-1.docker.io";

  private final Set<String> insecureHosts;

  Endpoints(Set<String> insecureHosts) {
    this.insecureHosts = Set.copyOf(insecureHosts);
  }

  /** Plain http is used only for hosts listed as insecure, by exact host[:port]. */
  boolean isInsecure(String hostAndPort) {
    return insecureHosts.contains(hostAndPort);
  }

  URI base(String registry) {
    String host = registry.equals("docker.io") ? HUB_API_HOST : registry;
    return URI.create((isInsecure(registry) ? "http" : "https") + "://" + host + "/v2/");
  }

  URI manifest(String registry, String repository, String tagOrDigest) {
    return base(registry).resolve(repository + "/manifests/" + tagOrDigest);
  }

  URI blob(String registry, String repository, Digest digest) {
    return base(registry).resolve(repository + "/blobs/" + digest);
  }

  URI uploads(String registry, String repository) {
    return base(registry).resolve(repository + "/blobs/uploads/");
  }

  URI mount(String registry, String repository, Digest digest, String fromRepository) {
    return base(registry)
        .resolve(
            repository
                + "/blobs/uploads/?mount="
                + encode(digest.toString())
                + "&from="
                + encode(fromRepository));
  }

  /** The Location of an upload session, resolved and with extra query parameters appended. */
  static URI withQuery(URI location, String query) {
    String text = location.toString();
    return URI.create(text + (location.getRawQuery() == null ? "?" : "&") + query);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
