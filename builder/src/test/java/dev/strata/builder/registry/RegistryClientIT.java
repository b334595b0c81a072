package dev.strata.builder.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.builder.image.Descriptor;
import dev.strata.builder.image.Descriptor.Platform;
import dev.strata.builder.image.Digest;
import dev.strata.builder.image.ImageIndex;
import dev.strata.builder.image.Manifest;
import dev.strata.builder.image.MediaTypes;
import dev.strata.builder.image.Reference;
import dev.strata.builder.registry.testing.LocalRegistry;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The registry client against a real distribution registry on loopback. */
class RegistryClientIT {
  @RegisterExtension static final LocalRegistry REGISTRY = LocalRegistry.anonymous();

  @TempDir Path tmp;

  private final List<RegistryEvent> events = new CopyOnWriteArrayList<>();

  private RegistryClient client(ClientSettings settings) {
    return new RegistryClient(
        CredentialsSource.anonymous(),
        Set.of(REGISTRY.host()),
        new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(1), 0.2),
        events::add,
        settings);
  }

  private RegistryClient client() {
    return client(ClientSettings.defaults());
  }

  private Descriptor writeBlob(String name, byte[] content, String mediaType) throws Exception {
    Files.write(tmp.resolve(name), content);
    return new Descriptor(mediaType, Digest.of(content), content.length);
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Pushes a one-layer image and returns its manifest. */
  private Manifest pushImage(RegistryClient client, Reference target, long seed) throws Exception {
    Descriptor config =
        writeBlob(
            "config-" + seed,
            ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + seed + "}")
                .getBytes(StandardCharsets.UTF_8),
            MediaTypes.OCI_CONFIG);
    Descriptor layer =
        writeBlob("layer-" + seed, randomBytes(3000, seed), MediaTypes.OCI_LAYER_GZIP);
    client.uploadBlob(target, config, tmp.resolve("config-" + seed));
    client.uploadBlob(target, layer, tmp.resolve("layer-" + seed));
    Manifest manifest = new Manifest(MediaTypes.OCI_MANIFEST, config, List.of(layer));
    client.pushManifest(target, manifest);
    return manifest;
  }

  @Test
  void pushedImagePullsBackByTagAndByDigest() throws Exception {
    RegistryClient client = client();
    Reference tagged = REGISTRY.reference("strata/roundtrip:1.0");
    Manifest pushed = pushImage(client, tagged, 1);

    ResolvedManifest byTag = client.pullManifest(tagged);
    ResolvedManifest byDigest = client.pullManifest(tagged.withDigest(byTag.digest()));

    assertEquals(pushed, byTag.manifest());
    assertEquals(MediaTypes.OCI_MANIFEST, byTag.mediaType());
    assertEquals(byTag.digest(), Digest.of(byTag.raw()));
    assertEquals(byTag.digest(), byDigest.digest());
    assertArrayEquals(byTag.raw(), byDigest.raw());
    byte[] config = client.pullBlob(tagged, pushed.config());
    assertEquals(pushed.config().digest(), Digest.of(config));
  }

  @Test
  void manifestPushedByDigestPullsByDigest() throws Exception {
    RegistryClient client = client();
    Reference tagged = REGISTRY.reference("strata/bydigest:x");
    Manifest manifest = pushImage(client, tagged, 2);
    byte[] raw = new ObjectMapper().writeValueAsBytes(manifest);

    Digest digest =
        client.pushManifest(
            REGISTRY.reference("strata/bydigest@" + Digest.of(raw)), MediaTypes.OCI_MANIFEST, raw);

    assertEquals(Digest.of(raw), digest);
    assertArrayEquals(
        raw, client.pullManifest(REGISTRY.reference("strata/bydigest@" + digest)).raw());
  }

  @Test
  void manifestWithMissingBlobsIsRefusedWithAdvice() throws Exception {
    Descriptor config = new Descriptor(MediaTypes.OCI_CONFIG, Digest.of(new byte[] {1}), 1);
    Manifest manifest = new Manifest(MediaTypes.OCI_MANIFEST, config, List.of());

    RegistryResponseException e =
        assertThrows(
            RegistryResponseException.class,
            () -> client().pushManifest(REGISTRY.reference("strata/lacking:1"), manifest));

    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("push its config and layers first"), e.getMessage());
  }

  @Test
  void blobExistsOnlyAfterUpload() throws Exception {
    RegistryClient client = client();
    Reference repo = REGISTRY.reference("strata/exists:latest");
    Descriptor blob = writeBlob("blob", randomBytes(100, 3), MediaTypes.OCI_LAYER);

    assertFalse(client.blobExists(repo, blob.digest()));
    client.uploadBlob(repo, blob, tmp.resolve("blob"));
    assertTrue(client.blobExists(repo, blob.digest()));
  }

  @Test
  void blobIsMountedFromAnotherRepository() throws Exception {
    RegistryClient client = client();
    Reference source = REGISTRY.reference("strata/mount-source:latest");
    Reference target = REGISTRY.reference("strata/mount-target:latest");
    Descriptor blob = writeBlob("blob", randomBytes(500, 4), MediaTypes.OCI_LAYER);
    client.uploadBlob(source, blob, tmp.resolve("blob"));

    RegistryClient.PushOutcome outcome =
        client.pushBlob(target, blob, tmp.resolve("blob"), Optional.of(source));

    assertEquals(RegistryClient.PushOutcome.MOUNTED, outcome);
    assertTrue(client.blobExists(target, blob.digest()));
    assertEquals(
        RegistryClient.PushOutcome.ALREADY_PRESENT,
        client.pushBlob(target, blob, tmp.resolve("blob"), Optional.of(source)));
  }

  @Test
  void mountOfUnknownBlobFallsBackToUpload() throws Exception {
    RegistryClient client = client();
    Reference source = REGISTRY.reference("strata/empty-source:latest");
    Reference target = REGISTRY.reference("strata/fallback:latest");
    Descriptor blob = writeBlob("blob", randomBytes(700, 5), MediaTypes.OCI_LAYER);

    RegistryClient.PushOutcome outcome =
        client.pushBlob(target, blob, tmp.resolve("blob"), Optional.of(source));

    assertEquals(RegistryClient.PushOutcome.UPLOADED, outcome);
    assertTrue(client.blobExists(target, blob.digest()));
  }

  @Test
  void bigBlobIsUploadedInChunksAndPullsBackIntact() throws Exception {
    RegistryClient client = client(ClientSettings.defaults().withChunking(4096, 1000));
    Reference repo = REGISTRY.reference("strata/chunked:latest");
    byte[] content = randomBytes(10_500, 6);
    Descriptor blob = writeBlob("big", content, MediaTypes.OCI_LAYER);

    client.uploadBlob(repo, blob, tmp.resolve("big"));
    Path pulled = tmp.resolve("out/pulled");
    client.pullBlob(repo, blob, pulled);

    assertArrayEquals(content, Files.readAllBytes(pulled));
    long uploaded =
        events.stream()
            .filter(RegistryEvent.BlobProgress.class::isInstance)
            .map(RegistryEvent.BlobProgress.class::cast)
            .mapToLong(RegistryEvent.BlobProgress::transferred)
            .max()
            .orElse(0);
    assertEquals(content.length, uploaded);
  }

  @Test
  void corruptBlobFailsWithDigestMismatchAndLeavesNothing() throws Exception {
    RegistryClient client = client();
    Reference repo = REGISTRY.reference("strata/corrupt:latest");
    byte[] content = randomBytes(2000, 7);
    Descriptor blob = writeBlob("blob", content, MediaTypes.OCI_LAYER);
    client.uploadBlob(repo, blob, tmp.resolve("blob"));
    Files.write(REGISTRY.blobData(blob.digest()), randomBytes(2000, 8));
    Path out = Files.createDirectory(tmp.resolve("out"));

    DigestMismatchException e =
        assertThrows(
            DigestMismatchException.class, () -> client.pullBlob(repo, blob, out.resolve("b")));

    assertTrue(e.getMessage().contains(blob.digest().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("strata/corrupt"), e.getMessage());
    assertTrue(e.getMessage().contains(REGISTRY.host()), e.getMessage());
    try (var left = Files.list(out)) {
      assertEquals(List.of(), left.toList());
    }
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    assertThrows(DigestMismatchException.class, () -> client.pullBlob(repo, blob, stream));
  }

  @Test
  void unknownManifestNamesTheReference() {
    Reference missing = REGISTRY.reference("strata/nothing:here");

    ManifestUnknownException e =
        assertThrows(ManifestUnknownException.class, () -> client().pullManifest(missing));

    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("MANIFEST_UNKNOWN"), e.getMessage());
  }

  @Test
  void indexResolvesToTheWantedPlatform() throws Exception {
    RegistryClient client = client();
    Reference amd = REGISTRY.reference("strata/multi:amd64");
    Reference arm = REGISTRY.reference("strata/multi:arm64");
    pushImage(client, amd, 10);
    pushImage(client, arm, 11);
    ResolvedManifest amdManifest = client.pullManifest(amd);
    ResolvedManifest armManifest = client.pullManifest(arm);
    ImageIndex index =
        new ImageIndex(
            2,
            MediaTypes.OCI_INDEX,
            List.of(
                entry(amdManifest, new Platform("amd64", "linux", null)),
                entry(armManifest, new Platform("arm64", "linux", "v8"))),
            null);
    Reference multi = REGISTRY.reference("strata/multi:latest");
    byte[] raw = new ObjectMapper().writeValueAsBytes(index);
    client.pushManifest(multi, MediaTypes.OCI_INDEX, raw);

    ResolvedManifest resolved = client.pullManifest(multi, Platform.parse("linux/arm64"));

    assertEquals(armManifest.digest(), resolved.digest());
    assertEquals(Optional.of(Digest.of(raw)), resolved.indexDigest());
    PlatformNotFoundException e =
        assertThrows(
            PlatformNotFoundException.class,
            () -> client.pullManifest(multi, Platform.parse("linux/s390x")));
    assertTrue(e.getMessage().contains("linux/amd64, linux/arm64/v8"), e.getMessage());
  }

  private static Descriptor entry(ResolvedManifest manifest, Platform platform) {
    return new Descriptor(
        manifest.mediaType(), manifest.digest(), manifest.raw().length, null, platform);
  }

  @Test
  void closedPortFailsQuicklyNamingTheRegistry() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String host = "127.0.0.1:" + port;
    RegistryClient client =
        new RegistryClient(
            CredentialsSource.anonymous(),
            Set.of(host),
            RetryPolicy.defaults(),
            RegistryListener.ignoring());
    long start = System.nanoTime();

    RegistryUnreachableException e =
        assertThrows(
            RegistryUnreachableException.class,
            () -> client.pullManifest(Reference.parse(host + "/strata/app:1")));

    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5);
    assertTrue(e.getMessage().contains(host), e.getMessage());
    assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
  }

  @Test
  void httpsAgainstPlainHttpRegistrySuggestsInsecureRegistry() {
    RegistryClient client =
        new RegistryClient(
            CredentialsSource.anonymous(),
            Set.of(),
            RetryPolicy.defaults(),
            RegistryListener.ignoring());

    RegistryUnreachableException e =
        assertThrows(
            RegistryUnreachableException.class,
            () -> client.pullManifest(REGISTRY.reference("strata/app:1")));

    assertTrue(e.getMessage().contains("--insecure-registry " + REGISTRY.host()), e.getMessage());
  }
}
