package dev.strata.builder.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import dev.strata.builder.image.Descriptor;
import dev.strata.builder.image.Digest;
import dev.strata.builder.image.MediaTypes;
import dev.strata.builder.image.Reference;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The challenge, token, retry flow against a scripted registry and token server. */
class BearerAuthTest {
  private static final Digest BLOB = Digest.of(new byte[] {42});

  @TempDir Path tmp;

  private TestServer server;
  private final List<String> tokenQueries = new CopyOnWriteArrayList<>();
  private volatile String tokenAnswer = "{\"token\":\"good-token\",\"expires_in\":300}";
  private volatile String realm;

  @BeforeEach
  void start() throws IOException {
    server = new TestServer();
    realm = "http://" + server.host() + "/token";
    server.on("/token", this::token).on("/v2/", this::registry);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void token(HttpExchange exchange) throws IOException {
    tokenQueries.add(
        URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
    String expected =
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString("alice:right".getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      TestServer.respond(
          exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad\"}]}");
      return;
    }
    TestServer.respond(exchange, 200, tokenAnswer);
  }

  private void registry(HttpExchange exchange) throws IOException {
    if (!"Bearer good-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      exchange
          .getResponseHeaders()
          .set(
              "WWW-Authenticate",
              "Bearer realm=\""
                  + realm
                  + "\",service=\"test-registry\",scope=\"repository:a/b:pull\"");
      TestServer.respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
      return;
    }
    int status = exchange.getRequestMethod().equals("POST") ? 201 : 200;
    TestServer.respond(exchange, status, "application/octet-stream", new byte[0]);
  }

  private RegistryClient client(String user, String password) {
    return new RegistryClient(
        registry -> Optional.of(Credentials.basic(user, password)),
        Set.of(server.host()),
        RetryPolicy.none(),
        RegistryListener.ignoring());
  }

  private Reference ref(String repository) {
    return Reference.parse(server.host() + "/" + repository + ":1");
  }

  @Test
  void answersChallengeWithTokenAndReusesItForTheSameScope() {
    RegistryClient client = client("alice", "right");

    assertTrue(client.blobExists(ref("a/b"), BLOB));
    assertTrue(client.blobExists(ref("a/b"), BLOB));

    assertEquals(List.of("service=test-registry&scope=repository:a/b:pull"), tokenQueries);
    assertEquals(
        List.of(
            "HEAD /v2/a/b/blobs/" + BLOB + " auth=null",
            "GET /token?"
                + "service=test-registry&scope=repository%3Aa%2Fb%3Apull auth=Basic "
                + "YWxpY2U6cmlnaHQ=",
            "HEAD /v2/a/b/blobs/" + BLOB + " auth=Bearer good-token",
            "HEAD /v2/a/b/blobs/" + BLOB + " auth=Bearer good-token"),
        server.requests);
  }

  @Test
  void asksForPushAndSourceScopesWhenPushing() throws IOException {
    RegistryClient client = client("alice", "right");
    Files.write(tmp.resolve("blob"), new byte[] {42});
    Descriptor blob = new Descriptor(MediaTypes.OCI_LAYER, BLOB, 1);

    RegistryClient.PushOutcome outcome =
        client.pushBlob(ref("a/b"), blob, tmp.resolve("blob"), Optional.of(ref("c/d")));
    client.mountBlob(ref("a/b"), BLOB, ref("c/d"));

    assertEquals(RegistryClient.PushOutcome.ALREADY_PRESENT, outcome);
    assertEquals("service=test-registry&scope=repository:a/b:pull,push", tokenQueries.get(0));
    assertEquals(
        "service=test-registry&scope=repository:a/b:pull,push&scope=repository:c/d:pull",
        tokenQueries.get(1));
  }

  @Test
  void acceptsAccessTokenField() {
    tokenAnswer = "{\"access_token\":\"good-token\"}";

    assertTrue(client("alice", "right").blobExists(ref("a/b"), BLOB));
  }

  @Test
  void refusedCredentialsNameTheUserButNeverThePassword() {
    RegistryAuthException e =
        assertThrows(
            RegistryAuthException.class,
            () -> client("alice", "wrong").blobExists(ref("a/b"), BLOB));

    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("user 'alice'"), e.getMessage());
    assertTrue(e.getMessage().contains(server.host()), e.getMessage());
    assertTrue(e.getMessage().contains("UNAUTHORIZED: bad"), e.getMessage());
    assertFalse(e.getMessage().contains("wrong"), e.getMessage());
  }

  @Test
  void tokenAnswerWithoutTokenIsAnAuthError() {
    tokenAnswer = "{}";

    RegistryAuthException e =
        assertThrows(
            RegistryAuthException.class,
            () -> client("alice", "right").blobExists(ref("a/b"), BLOB));

    assertTrue(e.getMessage().contains("holds no token"), e.getMessage());
  }

  @Test
  void refusesToSendCredentialsToPlainHttpRealmNotMarkedInsecure() {
    realm = "http://127.0.0.1:1/token";

    RegistryAuthException e =
        assertThrows(
            RegistryAuthException.class,
            () -> client("alice", "right").blobExists(ref("a/b"), BLOB));

    assertTrue(e.getMessage().contains("--insecure-registry 127.0.0.1:1"), e.getMessage());
    assertEquals(List.of(), tokenQueries);
  }
}
