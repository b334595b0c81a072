package dev.strata.builder.registry.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A token server for {@link LocalRegistry#withTokenAuth}: checks a user name and password sent with
 * Basic, and hands out JWTs signed with a throw-away RSA key (made with the JDK's keytool) granting
 * the scopes asked for, limited to the actions the user may do.
 */
public final class TokenServer implements AutoCloseable {
  private static final String STORE_PASSWORD = "strata-test";

  private final String user;
  private final String password;
  private final Set<String> allowedActions;
  private final HttpServer server;
  private final PrivateKey key;
  private final Certificate certificate;
  private final Path certificatePem;
  private final List<String> scopesAsked = new CopyOnWriteArrayList<>();

  /**
   * @param dir where the key and the certificate bundle for the registry are written
   * @param allowedActions what the user may do in any repository, e.g. {@code pull} and {@code
   *     push}
   */
  public TokenServer(Path dir, String user, String password, Set<String> allowedActions)
      throws IOException, InterruptedException, GeneralSecurityException {
    this.user = user;
    this.password = password;
    this.allowedActions = Set.copyOf(allowedActions);
    Path store = dir.resolve("token-key.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "token",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-sigalg",
        "SHA256withRSA",
        "-dname",
        "CN=strata-test-token",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        store.toString(),
        "-storepass",
        STORE_PASSWORD);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      keys.load(in, STORE_PASSWORD.toCharArray());
    }
    key = (PrivateKey) keys.getKey("token", STORE_PASSWORD.toCharArray());
    certificate = keys.getCertificate("token");
    certificatePem = dir.resolve("token-root.pem");
    Files.writeString(
        certificatePem,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded())
            + "\n-----END CERTIFICATE-----\n");

    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::handle);
    server.start();
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("keytool"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
  }

  /** The realm to give the registry. */
  public URI realm() {
    return URI.create("http://" + host() + "/token");
  }

  public String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** The certificate bundle the registry trusts tokens from. */
  public Path rootCertificates() {
    return certificatePem;
  }

  /** Every scope clients asked for, in order. */
  public List<String> scopesAsked() {
    return scopesAsked;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad login\"}]}");
        return;
      }
      List<Map<String, Object>> access = new ArrayList<>();
      String query = exchange.getRequestURI().getRawQuery();
      for (String pair : query == null ? new String[0] : query.split("&")) {
        String decoded = URLDecoder.decode(pair, StandardCharsets.UTF_8);
        if (decoded.startsWith("scope=")) {
          String scope = decoded.substring("scope=".length());
          scopesAsked.add(scope);
          access.add(grant(scope));
        }
      }
      send(exchange, 200, "{\"token\":\"" + jwt(access) + "\",\"expires_in\":300}");
    }
  }

  private Map<String, Object> grant(String scope) {
    String[] parts = scope.split(":");
    List<String> actions = new ArrayList<>();
    for (String action : parts[2].split(",")) {
      if (allowedActions.contains(action)) {
        actions.add(action);
      }
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("type", parts[0]);
    entry.put("name", parts[1]);
    entry.put("actions", actions);
    return entry;
  }

  private String jwt(List<Map<String, Object>> access) {
    try {
      ObjectMapper json = new ObjectMapper();
      Map<String, Object> header = new LinkedHashMap<>();
      header.put("alg", "RS256");
      header.put("typ", "JWT");
      header.put("x5c", List.of(Base64.getEncoder().encodeToString(certificate.getEncoded())));
      long now = Instant.now().getEpochSecond();
      Map<String, Object> claims = new LinkedHashMap<>();
      claims.put("iss", LocalRegistry.TOKEN_ISSUER);
      claims.put("sub", user);
      claims.put("aud", LocalRegistry.TOKEN_SERVICE);
      claims.put("exp", now + 300);
      claims.put("nbf", now - 10);
      claims.put("iat", now);
      claims.put("jti", UUID.randomUUID().toString());
      claims.put("access", access);
      Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
      String signed =
          url.encodeToString(json.writeValueAsBytes(header))
              + "."
              + url.encodeToString(json.writeValueAsBytes(claims));
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + url.encodeToString(rsa.sign());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign a test token", e);
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
