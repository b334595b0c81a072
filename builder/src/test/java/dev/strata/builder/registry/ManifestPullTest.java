package dev.strata.builder.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.builder.image.Digest;
import dev.strata.builder.image.MediaTypes;
import dev.strata.builder.image.Reference;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Digest checks and media types of pulled manifests, against a scripted registry. */
class ManifestPullTest {
  private static final byte[] MANIFEST =
      ("{\"schemaVersion\":2,\"config\":{\"mediaType\":\""
              + MediaTypes.OCI_CONFIG
              + "\",\"digest\":\""
              + Digest.of(new byte[0])
              + "\",\"size\":0},\"layers\":[]}")
          .getBytes(StandardCharsets.UTF_8);

  private static RegistryClient client(TestServer server) {
    return new RegistryClient(
        CredentialsSource.anonymous(),
        Set.of(server.host()),
        RetryPolicy.none(),
        RegistryListener.ignoring());
  }

  private static TestServer serving(String contentType, byte[] body, String announcedDigest)
      throws Exception {
    TestServer server = new TestServer();
    server.on(
        "/v2/",
        exchange -> {
          if (announcedDigest != null) {
            exchange.getResponseHeaders().set("Docker-Content-Digest", announcedDigest);
          }
          TestServer.respond(exchange, 200, contentType, body);
        });
    return server;
  }

  @Test
  void reportsAnnouncedDigestThatDoesNotMatchTheBytes() throws Exception {
    Digest other = Digest.of(new byte[] {1});
    try (TestServer server = serving(MediaTypes.OCI_MANIFEST, MANIFEST, other.toString())) {
      Reference reference = Reference.parse(server.host() + "/a/b:1");

      DigestMismatchException e =
          assertThrows(DigestMismatchException.class, () -> client(server).pullManifest(reference));

      assertEquals(other, e.expected());
      assertEquals(Digest.of(MANIFEST), e.actual());
      assertTrue(e.getMessage().contains("Docker-Content-Digest"), e.getMessage());
      assertTrue(e.getMessage().contains(reference.toString()), e.getMessage());
    }
  }

  @Test
  void checksBytesAgainstTheDigestPulledBy() throws Exception {
    try (TestServer server = serving(MediaTypes.OCI_MANIFEST, MANIFEST, null)) {
      Digest asked = Digest.of(new byte[] {2});
      Reference reference = Reference.parse(server.host() + "/a/b@" + asked);

      DigestMismatchException e =
          assertThrows(DigestMismatchException.class, () -> client(server).pullManifest(reference));

      assertEquals(asked, e.expected());
    }
  }

  @Test
  void takesTheMediaTypeFromTheDocumentWhenTheHeaderIsGeneric() throws Exception {
    try (TestServer server =
        serving("application/json", MANIFEST, Digest.of(MANIFEST).toString())) {
      ResolvedManifest resolved =
          client(server).pullManifest(Reference.parse(server.host() + "/a/b:1"));

      assertEquals(MediaTypes.OCI_MANIFEST, resolved.mediaType());
      assertEquals(Digest.of(MANIFEST), resolved.digest());
    }
  }

  @Test
  void rejectsSchemaOneWithAReason() throws Exception {
    byte[] body = "{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8);
    try (TestServer server =
        serving("application/vnd.docker.distribution.manifest.v1+prettyjws", body, null)) {
      InvalidManifestException e =
          assertThrows(
              InvalidManifestException.class,
              () -> client(server).pullManifest(Reference.parse(server.host() + "/a/b:1")));

      assertTrue(e.getMessage().contains("schema 1"), e.getMessage());
    }
  }
}
