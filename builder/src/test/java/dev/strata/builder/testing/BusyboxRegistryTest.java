package dev.strata.builder.testing;

import dev.strata.builder.registry.testing.LocalRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Base of the integration tests that build against one real registry on 127.0.0.1 which already
 * holds the busybox base image (from the busybox-base seed example) as {@code library/busybox}, so
 * {@code FROM busybox} resolves through it as a mirror.
 */
public abstract class BusyboxRegistryTest {
  @RegisterExtension protected static final LocalRegistry REGISTRY = LocalRegistry.anonymous();
  protected static Workspace workspace;
  protected static BuildFixture fixture;

  /** The cache directory the base image was built with; tests may share it. */
  protected static Path cache;

  /** The result JSON of building and pushing the base image. */
  protected static com.fasterxml.jackson.databind.JsonNode base;

  @BeforeAll
  static void pushBusyboxBase() throws Exception {
    workspace = new Workspace();
    fixture = new BuildFixture(REGISTRY.host(), workspace);
    cache = fixture.newCache();
    base = fixture.pushBusyboxBase(cache);
  }

  @AfterAll
  static void removeWorkspace() throws Exception {
    workspace.close();
  }
}
