package dev.strata.builder.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.builder.image.Descriptor;
import dev.strata.builder.image.Digest;
import dev.strata.builder.image.MediaTypes;
import dev.strata.builder.image.Reference;
import dev.strata.builder.registry.testing.LocalRegistry;
import dev.strata.builder.registry.testing.TokenServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens against a real registry in token-auth mode, with a token server of our own. */
class BearerTokenIT {
  @TempDir Path tmp;

  private RegistryClient client(TokenServer tokens, LocalRegistry registry, String password) {
    return new RegistryClient(
        host -> Optional.of(Credentials.basic("builder", password)),
        Set.of(registry.host(), tokens.host()),
        RetryPolicy.defaults(),
        RegistryListener.ignoring());
  }

  @Test
  void pushesAndPullsWithTokensAndRefusesMissingPushRight() throws Exception {
    try (TokenServer tokens = new TokenServer(tmp, "builder", "pw", Set.of("pull", "push"));
        LocalRegistry registry =
            LocalRegistry.withTokenAuth(tokens.realm(), tokens.rootCertificates()).start()) {
      RegistryClient client = client(tokens, registry, "pw");
      Reference repo = registry.reference("strata/tokened:1");
      byte[] content = "token-protected".getBytes(StandardCharsets.UTF_8);
      Files.write(tmp.resolve("blob"), content);
      Descriptor blob = new Descriptor(MediaTypes.OCI_LAYER, Digest.of(content), content.length);

      client.pushBlob(repo, blob, tmp.resolve("blob"), Optional.empty());
      Path pulled = tmp.resolve("pulled");
      client.pullBlob(repo, blob, pulled);

      assertArrayEquals(content, Files.readAllBytes(pulled));
      assertTrue(
          tokens.scopesAsked().contains("repository:strata/tokened:pull,push"),
          tokens.scopesAsked().toString());
      RegistryAuthException wrong =
          assertThrows(
              RegistryAuthException.class,
              () -> client(tokens, registry, "nope").blobExists(repo, blob.digest()));
      assertTrue(wrong.getMessage().contains("user 'builder'"), wrong.getMessage());
    }
  }

  @Test
  void readOnlyUserIsRefusedOnPush() throws Exception {
    try (TokenServer tokens = new TokenServer(tmp, "builder", "pw", Set.of("pull"));
        LocalRegistry registry =
            LocalRegistry.withTokenAuth(tokens.realm(), tokens.rootCertificates()).start()) {
      byte[] content = "x".getBytes(StandardCharsets.UTF_8);
      Files.write(tmp.resolve("blob"), content);
      Descriptor blob = new Descriptor(MediaTypes.OCI_LAYER, Digest.of(content), content.length);

      RegistryAuthException e =
          assertThrows(
              RegistryAuthException.class,
              () ->
                  client(tokens, registry, "pw")
                      .uploadBlob(registry.reference("strata/ro:1"), blob, tmp.resolve("blob")));

      assertEquals(401, e.status());
      assertTrue(e.getMessage().contains("push blob"), e.getMessage());
      assertTrue(e.getMessage().contains("may push to the repository"), e.getMessage());
    }
  }
}
