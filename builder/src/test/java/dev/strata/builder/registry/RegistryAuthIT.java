package dev.strata.builder.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.builder.image.Descriptor;
import dev.strata.builder.image.Digest;
import dev.strata.builder.image.MediaTypes;
import dev.strata.builder.image.Reference;
import dev.strata.builder.registry.testing.LocalRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Basic authentication against a real registry protected by htpasswd. */
class RegistryAuthIT {
  @RegisterExtension
  static final LocalRegistry REGISTRY = LocalRegistry.withBasicAuth("builder", "s3cret-pass");

  @TempDir Path tmp;

  private static RegistryClient client(CredentialsSource credentials) {
    return new RegistryClient(
        credentials, Set.of(REGISTRY.host()), RetryPolicy.defaults(), RegistryListener.ignoring());
  }

  private static CredentialsSource config(String user, String password) {
    String auth =
        java.util.Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return DockerConfig.parse(
        "{\"auths\":{\"http://" + REGISTRY.host() + "\":{\"auth\":\"" + auth + "\"}}}", "test");
  }

  @Test
  void rightCredentialsPushAndPull() throws Exception {
    RegistryClient client = client(config("builder", "s3cret-pass"));
    Reference repo = REGISTRY.reference("strata/private:1");
    byte[] content = "layer".getBytes(StandardCharsets.UTF_8);
    Files.write(tmp.resolve("blob"), content);
    Descriptor blob = new Descriptor(MediaTypes.OCI_LAYER, Digest.of(content), content.length);

    assertEquals(
        RegistryClient.PushOutcome.UPLOADED,
        client.pushBlob(repo, blob, tmp.resolve("blob"), Optional.empty()));

    assertTrue(client.blobExists(repo, blob.digest()));
  }

  @Test
  void wrongPasswordNamesUserAndRegistryButNotThePassword() {
    RegistryClient client = client(config("builder", "wrong-pass"));
    Reference repo = REGISTRY.reference("strata/private:1");

    RegistryAuthException e =
        assertThrows(RegistryAuthException.class, () -> client.pullManifest(repo));

    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("user 'builder'"), e.getMessage());
    assertTrue(e.getMessage().contains(REGISTRY.host()), e.getMessage());
    assertTrue(e.getMessage().contains("strata/private"), e.getMessage());
    assertTrue(e.getMessage().contains("docker login"), e.getMessage());
    assertFalse(e.getMessage().contains("wrong-pass"), e.getMessage());
  }

  @Test
  void noCredentialsSaysHowToProvideThem() {
    RegistryClient client = client(CredentialsSource.anonymous());

    RegistryAuthException e =
        assertThrows(
            RegistryAuthException.class,
            () ->
                client.blobExists(REGISTRY.reference("strata/private:1"), Digest.of(new byte[0])));

    assertTrue(e.getMessage().contains("none were found"), e.getMessage());
    assertTrue(e.getMessage().contains("docker login " + REGISTRY.host()), e.getMessage());
  }
}
