package dev.strata.builder.registry.testing;

import dev.strata.builder.image.Digest;
import dev.strata.builder.image.Reference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real registry (Debian's {@code docker-registry}, distribution v2) on a free 127.0.0.1 port, in
 * a temporary directory, for tests. Use it as a JUnit extension:
 *
 * <pre>{@code
 * @RegisterExtension static final LocalRegistry REGISTRY = LocalRegistry.anonymous();
 * ... REGISTRY.host(), REGISTRY.reference("team/app:1") ...
 * }</pre>
 *
 * or start and close it by hand ({@link #start()}, {@link #close()}). It is reached over plain
 * http: pass {@link #host()} as an insecure host to the client.
 */
public final class LocalRegistry implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/docker-registry");
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

  /** The service name a token-auth registry expects in tokens' audience. */
  public static final String TOKEN_SERVICE = "strata-test-registry";

  /** The issuer a token-auth registry expects in tokens. */
  public static final String TOKEN_ISSUER = "strata-test-issuer";

  private final String user;
  private final String password;
  private URI tokenRealm;
  private Path tokenRootCerts;
  private Path dir;
  private Process process;
  private int port;

  private LocalRegistry(String user, String password) {
    this.user = user;
    this.password = password;
  }

  /** A registry that lets anyone pull and push. */
  public static LocalRegistry anonymous() {
    return new LocalRegistry(null, null);
  }

  /** A registry that requires this user name and password (htpasswd, bcrypt). */
  public static LocalRegistry withBasicAuth(String user, String password) {
    return new LocalRegistry(user, password);
  }

  /**
   * A registry that accepts only bearer tokens from the realm, signed by a key whose certificate is
   * in {@code rootCertificates} (PEM), for {@link #TOKEN_SERVICE} by {@link #TOKEN_ISSUER}.
   */
  public static LocalRegistry withTokenAuth(URI realm, Path rootCertificates) {
    LocalRegistry registry = new LocalRegistry(null, null);
    registry.tokenRealm = realm;
    registry.tokenRootCerts = rootCertificates;
    return registry;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Starts the registry and waits until {@code /v2/} answers. */
  public LocalRegistry start() throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(
          BINARY
              + " is missing; install Debian's docker-registry package (apt-get install"
              + " docker-registry apache2-utils)");
    }
    dir = Files.createTempDirectory("strata-registry-");
    port = freePort();
    Path config = dir.resolve("config.yml");
    Files.writeString(config, config(), StandardCharsets.UTF_8);
    process =
        new ProcessBuilder(BINARY.toString(), "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    awaitReady();
    return this;
  }

  private String config() throws IOException, InterruptedException {
    StringBuilder yaml =
        new StringBuilder()
            .append("version: 0.1\n")
            .append("log:\n  level: info\n")
            .append("storage:\n  filesystem:\n    rootdirectory: ")
            .append(storage())
            .append("\n  delete:\n    enabled: true\n")
            .append("http:\n  addr: 127.0.0.1:")
            .append(port)
            .append("\n");
    if (user != null) {
      Path htpasswd = dir.resolve("htpasswd");
      Files.writeString(htpasswd, htpasswdLine(), StandardCharsets.UTF_8);
      yaml.append("auth:\n  htpasswd:\n    realm: strata-test\n    path: ")
          .append(htpasswd)
          .append("\n");
    }
    if (tokenRealm != null) {
      yaml.append("auth:\n  token:\n    realm: ")
          .append(tokenRealm)
          .append("\n    service: ")
          .append(TOKEN_SERVICE)
          .append("\n    issuer: ")
          .append(TOKEN_ISSUER)
          .append("\n    rootcertbundle: ")
          .append(tokenRootCerts)
          .append("\n");
    }
    return yaml.toString();
  }

  private String htpasswdLine() throws IOException, InterruptedException {
    Process htpasswd = new ProcessBuilder("htpasswd", "-Bbn", user, password).start();
    String line = new String(htpasswd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!htpasswd.waitFor(30, TimeUnit.SECONDS) || htpasswd.exitValue() != 0) {
      throw new IllegalStateException(
          "htpasswd failed: "
              + new String(htpasswd.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    return line.strip() + "\n";
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ping =
        HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/"))
            .timeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "docker-registry exited with " + process.exitValue() + " at start:\n" + log());
      }
      try {
        int status = http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 200 || status == 401) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      process.waitFor(50, TimeUnit.MILLISECONDS);
    }
    close();
    throw new IllegalStateException(
        "docker-registry did not answer on "
            + host()
            + " within "
            + STARTUP_TIMEOUT
            + ":\n"
            + log());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** {@code 127.0.0.1:PORT}, the registry part of references to it. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  /** A reference on this registry, e.g. {@code reference("team/app:1")}. */
  public Reference reference(String repositoryAndTag) {
    return Reference.parse(host() + "/" + repositoryAndTag);
  }

  /** The registry's storage root. */
  public Path storage() {
    return dir.resolve("storage");
  }

  /** Where the registry keeps a blob's bytes, for tests that corrupt them. */
  public Path blobData(Digest digest) {
    return storage()
        .resolve("docker/registry/v2/blobs/sha256")
        .resolve(digest.hex().substring(0, 2))
        .resolve(digest.hex())
        .resolve("data");
  }

  /** The registry's own log so far, for failure messages. */
  public String log() {
    try {
      return Files.readString(dir.resolve("registry.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      process = null;
    }
    if (dir != null) {
      deleteTree(dir);
      dir = null;
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove the test registry's directory " + root, e);
    }
  }
}
