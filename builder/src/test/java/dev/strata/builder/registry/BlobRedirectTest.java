package dev.strata.builder.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.builder.image.Descriptor;
import dev.strata.builder.image.Digest;
import dev.strata.builder.image.MediaTypes;
import dev.strata.builder.image.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blob downloads redirected to storage elsewhere, as large registries do. */
class BlobRedirectTest {
  private static final byte[] CONTENT = "blob bytes".getBytes();

  @TempDir Path tmp;

  @Test
  void followsRedirectWithoutTakingTheRegistrysCredentialsAlong() throws Exception {
    try (TestServer storage = new TestServer();
        TestServer registry = new TestServer()) {
      storage.on("/data", exchange -> TestServer.respond(exchange, 200, null, CONTENT));
      registry.on(
          "/v2/",
          exchange -> {
            if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
              exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"r\"");
              TestServer.respond(exchange, 401, "{}");
              return;
            }
            exchange.getResponseHeaders().set("Location", "http://" + storage.host() + "/data");
            TestServer.respond(exchange, 307, "{}");
          });
      RegistryClient client =
          new RegistryClient(
              host -> Optional.of(Credentials.basic("u", "p")),
              Set.of(registry.host(), storage.host()),
              RetryPolicy.none(),
              RegistryListener.ignoring());
      Descriptor blob = new Descriptor(MediaTypes.OCI_LAYER, Digest.of(CONTENT), CONTENT.length);

      client.pullBlob(Reference.parse(registry.host() + "/a/b:1"), blob, tmp.resolve("blob"));

      assertArrayEquals(CONTENT, Files.readAllBytes(tmp.resolve("blob")));
      assertEquals(List.of("GET /data auth=null"), storage.requests);
    }
  }
}
