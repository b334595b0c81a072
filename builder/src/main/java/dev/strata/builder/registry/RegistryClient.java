package dev.strata.builder.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.builder.image.Descriptor;
import dev.strata.builder.image.Descriptor.Platform;
import dev.strata.builder.image.Digest;
import dev.strata.builder.image.Manifest;
import dev.strata.builder.image.Platforms;
import dev.strata.builder.image.Reference;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * A client of the OCI distribution API: pulls manifests and blobs, pushes blobs and manifests.
 *
 * <p>Registries are reached over https, except the hosts named insecure, which are reached over
 * plain http only. Failed requests are retried by the {@link RetryPolicy}; every failure ends in a
 * subtype of {@link RegistryException}. The client is thread-safe and caches access tokens, so one
 * instance should serve a whole build.
 */
public final class RegistryClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryListener listener;
  private final ManifestPull manifestPull;
  private final ManifestPush manifestPush;
  private final BlobPull blobPull;
  private final BlobCheck blobCheck;
  private final BlobMount blobMount;
  private final BlobUpload blobUpload;

  /** How {@link #pushBlob} got the blob into the repository. */
  public enum PushOutcome {
    ALREADY_PRESENT,
    MOUNTED,
    UPLOADED
  }

  public RegistryClient(
      CredentialsSource credentials,
      Set<String> insecureHosts,
      RetryPolicy retryPolicy,
      RegistryListener listener) {
    this(credentials, insecureHosts, retryPolicy, listener, ClientSettings.defaults());
  }

  /**
   * @param insecureHosts registries, as {@code host[:port]} exactly as in references, that are
   *     reached over plain http
   */
  public RegistryClient(
      CredentialsSource credentials,
      Set<String> insecureHosts,
      RetryPolicy retryPolicy,
      RegistryListener listener,
      ClientSettings settings) {
    Exchanger exchanger =
        new Exchanger(settings, retryPolicy, listener, new Endpoints(insecureHosts));
    RegistryHttp http = new RegistryHttp(exchanger, new Authorizer(credentials, exchanger));
    this.listener = listener;
    this.manifestPull = new ManifestPull(http);
    this.manifestPush = new ManifestPush(http);
    this.blobPull = new BlobPull(http, listener);
    this.blobCheck = new BlobCheck(http);
    this.blobMount = new BlobMount(http);
    this.blobUpload = new BlobUpload(http, blobCheck, settings, listener);
  }

  /** Resolves a reference to the image manifest for the running machine's platform. */
  public ResolvedManifest pullManifest(Reference reference) {
    return pullManifest(reference, Platforms.current());
  }

  /**
   * Resolves a reference to an image manifest; from an image index, the one for {@code platform}.
   *
   * @throws ManifestUnknownException when the registry has no such manifest
   * @throws PlatformNotFoundException when an index has nothing for the platform
   * @throws DigestMismatchException when a manifest's bytes do not match its digest
   */
  public ResolvedManifest pullManifest(Reference reference, Platform platform) {
    return manifestPull.pull(reference, platform);
  }

  /**
   * Reads a small blob, such as an image config, into memory; its digest is checked.
   *
   * @param repository the repository to read from; its tag or digest is ignored
   */
  public byte[] pullBlob(Reference repository, Descriptor blob) {
    return blobPull.toBytes(repository, blob);
  }

  /**
   * Downloads a blob to {@code target}, replacing it; the file appears only once its digest has
   * been checked, and nothing is left behind on failure.
   */
  public void pullBlob(Reference repository, Descriptor blob, Path target) {
    blobPull.toFile(repository, blob, target);
  }

  /**
   * Streams a blob to {@code out}, checking the digest at the end: on {@link
   * DigestMismatchException} the caller must discard what it received. Failures after the first
   * byte are not retried, since written bytes cannot be taken back.
   */
  public void pullBlob(Reference repository, Descriptor blob, OutputStream out) {
    blobPull.toStream(repository, blob, out);
  }

  public boolean blobExists(Reference repository, Digest digest) {
    return blobCheck.exists(repository, digest, Scope.pull(repository.repository()));
  }

  /**
   * Asks the registry to link a blob from another of its repositories.
   *
   * @return false when the registry did not mount it; the blob must then be uploaded
   */
  public boolean mountBlob(Reference target, Digest digest, Reference source) {
    return blobMount.mount(target, digest, source).mounted();
  }

  /** Uploads a blob from a file, in chunks from the configured size on. */
  public void uploadBlob(Reference target, Descriptor blob, Path file) {
    blobUpload.upload(target, blob, file);
  }

  /**
   * Gets a blob into {@code target} the cheapest way: nothing if it is there, a mount from {@code
   * mountFrom} when given and on the same registry, else an upload from {@code file}.
   */
  public PushOutcome pushBlob(
      Reference target, Descriptor blob, Path file, Optional<Reference> mountFrom) {
    String repository = target.repository();
    if (blobCheck.exists(target, blob.digest(), Scope.push(repository))) {
      listener.onEvent(
          new RegistryEvent.BlobSkipped(target.registry(), repository, blob.digest(), "present"));
      return PushOutcome.ALREADY_PRESENT;
    }
    Optional<Reference> source =
        mountFrom.filter(from -> from.registry().equals(target.registry()));
    if (source.isPresent()) {
      BlobMount.Result mount = blobMount.mount(target, blob.digest(), source.get());
      if (mount.mounted()) {
        listener.onEvent(
            new RegistryEvent.BlobSkipped(
                target.registry(), repository, blob.digest(), "mounted from " + source.get()));
        return PushOutcome.MOUNTED;
      }
      Optional<URI> session = mount.uploadSession();
      if (session.isPresent()) {
        blobUpload.upload(target, blob, file, session.get());
        return PushOutcome.UPLOADED;
      }
    }
    blobUpload.upload(target, blob, file);
    return PushOutcome.UPLOADED;
  }

  /**
   * Puts a manifest under the reference's digest if it has one, else under its tag.
   *
   * @return the manifest's digest
   */
  public Digest pushManifest(Reference target, String mediaType, byte[] raw) {
    return manifestPush.push(target, mediaType, raw);
  }

  /** Serialises and puts a manifest; its {@code mediaType} must be set. */
  public Digest pushManifest(Reference target, Manifest manifest) {
    if (manifest.mediaType() == null) {
      throw new IllegalArgumentException("Cannot push a manifest without a mediaType to " + target);
    }
    try {
      return pushManifest(target, manifest.mediaType(), JSON.writeValueAsBytes(manifest));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A Manifest record always serialises", e);
    }
  }
}
