package dev.strata.builder.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from a Docker client config file ({@code config.json}), as written by {@code docker
 * login} or mounted from a Kubernetes {@code dockerconfigjson} secret.
 *
 * <p>Only the {@code auths} section is read. Credential helpers ({@code credsStore}, {@code
 * credHelpers}) are not run: a registry known only to a helper is looked up as anonymous.
 */
public final class DockerConfig implements CredentialsSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HUB_LEGACY_KEY = "https://index.docker.io/v1/";

  private final Map<String, Credentials> byHost;

  private DockerConfig(Map<String, Credentials> byHost) {
    this.byHost = Map.copyOf(byHost);
  }

  public static DockerConfig empty() {
    return new DockerConfig(Map.of());
  }

  /**
   * Reads a config file.
   *
   * @throws UncheckedIOException when it cannot be read
   * @throws IllegalArgumentException naming the file when it is not a Docker config
   */
  public static DockerConfig load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Docker config " + file, e);
    }
  }

  /**
   * Reads {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}; a file that does
   * not exist gives an empty config.
   */
  public static DockerConfig loadDefault() {
    return loadDefault(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static DockerConfig loadDefault(Map<String, String> env, Path home) {
    String dir = env.get("DOCKER_CONFIG");
    Path file =
        dir != null && !dir.isEmpty()
            ? Path.of(dir, "config.json")
            : home.resolve(".docker").resolve("config.json");
    return Files.isRegularFile(file) ? load(file) : empty();
  }

  /** Parses the JSON text of a config; {@code origin} names it in errors. */
  public static DockerConfig parse(String json, String origin) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Docker config " + origin + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    Map<String, Credentials> byHost = new HashMap<>();
    JsonNode auths = root == null ? null : root.get("auths");
    if (auths != null && auths.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        credentialsOf(entry.getValue(), entry.getKey(), origin)
            .ifPresent(c -> byHost.putIfAbsent(normalHost(entry.getKey()), c));
      }
    }
    return new DockerConfig(byHost);
  }

  private static Optional<Credentials> credentialsOf(JsonNode entry, String key, String origin) {
    String username = text(entry, "username");
    String password = text(entry, "password");
    String auth = text(entry, "auth");
    if (auth != null && !auth.isEmpty()) {
      String pair = decode(auth, key, origin);
      int colon = pair.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "Docker config "
                + origin
                + ": the 'auth' of "
                + key
                + " must be base64 of user:password; log in again with docker login");
      }
      username = pair.substring(0, colon);
      password = pair.substring(colon + 1);
    }
    String identityToken = text(entry, "identitytoken");
    if (identityToken != null && !identityToken.isEmpty()) {
      return Optional.of(Credentials.identityToken(username, identityToken));
    }
    if (username != null && password != null) {
      return Optional.of(Credentials.basic(username, password));
    }
    return Optional.empty();
  }

  private static String decode(String auth, String key, String origin) {
    try {
      return new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Docker config " + origin + ": the 'auth' of " + key + " is not base64", e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  // Keys may be bare hosts or URLs ("https://host:5000/v2/"); Docker Hub appears under its
  // historical URL and host names.
  static String normalHost(String key) {
    String host = key.trim();
    if (host.equals(HUB_LEGACY_KEY)) {
      return "docker.io";
    }
    int scheme = host.indexOf("://");
    if (scheme >= 0) {
      host = host.substring(scheme + 3);
    }
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    return switch (host) {
      case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> "docker.io";
      default -> host;
    };
  }

  @Override
  public Optional<Credentials> forRegistry(String registry) {
    return Optional.ofNullable(byHost.get(normalHost(registry)));
  }
}
