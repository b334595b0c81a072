/**
 * A client of the OCI distribution API ({@link dev.strata.builder.registry.RegistryClient}):
 * manifests and blobs pulled and pushed, with authentication, retries and timeouts.
 *
 * <p>Each registry operation is its own small class (ManifestPull, ManifestPush, BlobPull,
 * BlobCheck, BlobMount, BlobUpload) over one transport: Exchanger sends, retries and times out;
 * RegistryHttp adds authentication through Authorizer. Failures are subtypes of {@link
 * dev.strata.builder.registry.RegistryException}, one per cause. The package logs nothing: it
 * reports {@link dev.strata.builder.registry.RegistryEvent}s to a listener.
 *
 * <p>Depends on {@code dev.strata.builder.image} (references, digests, manifests); nothing in
 * {@code image} depends on it.
 *
 * <p>Known limits: credential helpers of Docker configs are not run; a chunk upload that fails is
 * not resumed (the push fails and may be retried whole); insecure registries get plain http only,
 * not https with unverified certificates.
 */
package dev.strata.builder.registry;
