package dev.strata.operator.config;

import dev.strata.operator.reconciler.CleanupPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The operator's settings, under {@code strata.*} in application.properties or as environment
 * variables ({@code STRATA_BUILDER_IMAGE}, {@code STRATA_WATCH_NAMESPACES}, ...). The Helm chart
 * sets them from its values.
 */
@ConfigMapping(prefix = "strata")
public interface StrataConfig {

  Builder builder();

  Cache cache();

  /** Builds that may run at once across all watched namespaces; more wait as Pending/Queued. */
  @WithDefault("4")
  int maxConcurrentBuilds();

  /** What happens to a finished build pod. */
  @WithDefault("OnSuccess")
  CleanupPolicy cleanupPolicy();

  /** Namespaces whose ImageBuilds are reconciled; every namespace when absent. */
  Optional<List<String>> watchNamespaces();

  /** Build timeout for ImageBuilds that set none. */
  @WithDefault("30m")
  Duration defaultTimeout();

  /** Reconciles that may run at once; each is short, the builds run in pods. */
  @WithDefault("4")
  int reconcileThreads();

  LeaderElection leaderElection();

  /** The build pod's image and identity. */
  interface Builder {

    /** The image that contains the strata CLI. */
    @WithDefault("strata/builder:latest")
    String image();

    @WithDefault("IfNotPresent")
    String imagePullPolicy();

    /** The non-root uid and gid the build pod runs as; must own nothing special in the image. */
    @WithDefault("65532")
    long runAsUser();

    /** CPU request of the build container when the ImageBuild sets no resources. */
    @WithDefault("500m")
    String cpuRequest();

    /** Memory request, and limit, of the build container when the ImageBuild sets none. */
    @WithDefault("1Gi")
    String memory();
  }

  /**
   * The layer cache. A pod mounts only claims of its own namespace, so the claim of this name is
   * looked up in the build's namespace, and created there when missing and {@link #provision()}.
   */
  interface Cache {

    /** PersistentVolumeClaim mounted at /cache in each build pod; an emptyDir when absent. */
    Optional<String> claimName();

    /** Create the claim in a namespace that has none. */
    @WithDefault("true")
    boolean provision();

    /** Storage class of claims the operator creates; the cluster default when absent. */
    Optional<String> storageClass();

    @WithDefault("20Gi")
    String size();

    /** ReadWriteMany lets builds on every node share one cache; ReadWriteOnce pins them. */
    @WithDefault("ReadWriteMany")
    String accessMode();
  }

  /** Only the leader reconciles, so two replicas never build one generation twice. */
  interface LeaderElection {

    @WithDefault("true")
    boolean enabled();

    @WithDefault("strata-operator")
    String leaseName();

    /** Namespace of the Lease; the operator's own namespace when absent. */
    Optional<String> leaseNamespace();
  }
}
