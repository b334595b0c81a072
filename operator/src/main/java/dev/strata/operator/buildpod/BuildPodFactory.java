package dev.strata.operator.buildpod;

import dev.strata.operator.api.Durations;
import dev.strata.operator.api.ImageBuild;
import dev.strata.operator.api.ImageBuildSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Makes the desired build pod for one generation of an ImageBuild.
 *
 * <p>The pod meets the "restricted" Pod Security Standard: a fixed non-root uid, no privilege
 * escalation, no capabilities, RuntimeDefault seccomp, a read-only root filesystem and no
 * service-account token. Everything it writes goes to emptyDir volumes or the cache claim.
 *
 * <p>The result travels back through two channels (see {@code BuildPodInspector}): the builder
 * writes its result JSON to the termination message file, which the kubelet keeps up to 4 KiB, and
 * prints the same JSON as the last thing on stdout, which the operator reads from the log when the
 * termination message was cut short.
 */
public final class BuildPodFactory {

  public static final String BUILD_CONTAINER = "build";
  public static final String SOURCE_CONTAINER = "source";

  public static final String WORKSPACE = "/workspace";
  public static final String CONTEXT_DIR = WORKSPACE + "/context";
  public static final String WORK_DIR = WORKSPACE + "/work";
  public static final String SOURCE_DIR = "/source";
  public static final String CACHE_DIR = "/cache";
  public static final String DOCKER_CONFIG_DIR = "/docker-config";
  public static final String TERMINATION_MESSAGE = "/dev/termination-log";

  /**
   * Folder of the source ConfigMap volume that holds the context; the kubelet's own entries sit
   * beside it.
   */
  static final String SOURCE_SUBDIR = "context";

  /**
   * Copies the projected files into the writable context. Without {@code -p} a new file takes the
   * source's permission bits less the umask (POSIX), so with umask 0 the modes asked for in the
   * spec arrive exactly, with any {@code cp}, GNU or busybox.
   */
  static final String COPY_CONTEXT_SCRIPT =
      "umask 0000 && cp -R -L " + SOURCE_DIR + "/" + SOURCE_SUBDIR + "/. " + CONTEXT_DIR + "/";

  /**
   * Clones without credentials. A shallow fetch of the revision works for branches and tags and, on
   * most servers, for commits; a full fetch is the fallback. The .git folder is removed so {@code
   * COPY . /} does not copy it, and the commit is written as the termination message.
   */
  static final String GIT_CLONE_SCRIPT =
      String.join(
          "\n",
          "set -eu",
          "cd " + CONTEXT_DIR,
          "git init -q .",
          "git remote add origin \"$GIT_URL\"",
          "if git fetch -q --depth 1 origin \"$GIT_REVISION\"; then",
          "  git checkout -q --detach FETCH_HEAD",
          "else",
          "  git fetch -q origin '+refs/heads/*:refs/remotes/origin/*' '+refs/tags/*:refs/tags/*'",
          "  git checkout -q --detach \"$GIT_REVISION\"",
          "fi",
          "git rev-parse HEAD > " + TERMINATION_MESSAGE,
          "rm -rf .git");

  private final BuildPodSettings settings;

  public BuildPodFactory(BuildPodSettings settings) {
    this.settings = settings;
  }

  /**
   * The pod that builds {@code build}'s current generation from {@code context}.
   *
   * @param cacheClaim the layer cache claim in the build's namespace; an emptyDir when empty
   */
  public Pod desiredPod(ImageBuild build, BuildContext context, Optional<String> cacheClaim) {
    ImageBuildSpec spec = build.getSpec();
    return new PodBuilder()
        .withMetadata(metadata(build, BuildPodNames.podName(build)))
        .withNewSpec()
        .withRestartPolicy("Never")
        .withActiveDeadlineSeconds(timeoutSeconds(spec))
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(podSecurityContext())
        .withNodeSelector(spec.nodeSelector() == null ? null : new TreeMap<>(spec.nodeSelector()))
        .withTolerations(spec.tolerations())
        .withInitContainers(sourceContainer(spec, context))
        .withContainers(buildContainer(spec, context))
        .withVolumes(volumes(spec, context, cacheClaim))
        .endSpec()
        .build();
  }

  /** Metadata for an object owned by {@code build} and tied to its current generation. */
  public static ObjectMeta metadata(ImageBuild build, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(build.getMetadata().getNamespace())
        .withLabels(labels(build))
        .withAnnotations(
            Map.of(BuildPodNames.IMAGE_BUILD_ANNOTATION, build.getMetadata().getName()))
        .withOwnerReferences(ownerReference(build))
        .build();
  }

  static Map<String, String> labels(ImageBuild build) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(BuildPodNames.MANAGED_BY_LABEL, BuildPodNames.MANAGED_BY);
    labels.put(BuildPodNames.COMPONENT_LABEL, "build");
    labels.put(BuildPodNames.OWNER_UID_LABEL, build.getMetadata().getUid());
    labels.put(BuildPodNames.GENERATION_LABEL, String.valueOf(build.getMetadata().getGeneration()));
    return labels;
  }

  static OwnerReference ownerReference(ImageBuild build) {
    return new OwnerReferenceBuilder()
        .withApiVersion(ImageBuild.API_VERSION)
        .withKind("ImageBuild")
        .withName(build.getMetadata().getName())
        .withUid(build.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  long timeoutSeconds(ImageBuildSpec spec) {
    if (spec.timeout() == null || spec.timeout().isEmpty()) {
      return settings.defaultTimeout().toSeconds();
    }
    return Math.max(1, Durations.parse(spec.timeout()).toSeconds());
  }

  private PodSecurityContext podSecurityContext() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(settings.runAsUser())
        .withRunAsGroup(settings.runAsUser())
        .withFsGroup(settings.runAsUser())
        // A large shared cache must not be chown-ed on every pod start.
        .withFsGroupChangePolicy("OnRootMismatch")
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  private SecurityContext containerSecurityContext() {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(settings.runAsUser())
        .withRunAsGroup(settings.runAsUser())
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  private Container sourceContainer(ImageBuildSpec spec, BuildContext context) {
    ContainerBuilder container =
        new ContainerBuilder()
            .withName(SOURCE_CONTAINER)
            .withImage(settings.builderImage())
            .withImagePullPolicy(settings.imagePullPolicy())
            .withSecurityContext(containerSecurityContext())
            .withResources(resources(spec))
            .withTerminationMessagePolicy("FallbackToLogsOnError")
            .withEnv(new EnvVar("HOME", "/tmp", null))
            .addToVolumeMounts(mount("context", CONTEXT_DIR, false), mount("tmp", "/tmp", false));
    if (context instanceof BuildContext.FromGit git) {
      return container
          .withCommand("sh", "-c", GIT_CLONE_SCRIPT)
          .addToEnv(new EnvVar("GIT_URL", git.url(), null))
          .addToEnv(new EnvVar("GIT_REVISION", orDefault(git.revision(), "HEAD"), null))
          .addToEnv(new EnvVar("GIT_TERMINAL_PROMPT", "0", null))
          .build();
    }
    return container
        .withCommand("sh", "-c", COPY_CONTEXT_SCRIPT)
        .addToVolumeMounts(mount("source", SOURCE_DIR, true))
        .build();
  }

  private Container buildContainer(ImageBuildSpec spec, BuildContext context) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(mount("context", CONTEXT_DIR, false));
    mounts.add(mount("work", WORK_DIR, false));
    mounts.add(mount("tmp", "/tmp", false));
    mounts.add(mount("cache", CACHE_DIR, false));
    if (hasPushSecret(spec)) {
      mounts.add(mount("docker-config", DOCKER_CONFIG_DIR, true));
    }
    return new ContainerBuilder()
        .withName(BUILD_CONTAINER)
        .withImage(settings.builderImage())
        .withImagePullPolicy(settings.imagePullPolicy())
        .withCommand("strata")
        .withArgs(BuilderArguments.of(spec, contextPath(context)))
        .withWorkingDir(WORK_DIR)
        .withEnv(new EnvVar("HOME", "/tmp", null), new EnvVar("TMPDIR", "/tmp", null))
        .withSecurityContext(containerSecurityContext())
        .withResources(resources(spec))
        .withTerminationMessagePath(TERMINATION_MESSAGE)
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withVolumeMounts(mounts)
        .build();
  }

  static String contextPath(BuildContext context) {
    if (context instanceof BuildContext.FromGit git
        && git.contextDir() != null
        && !git.contextDir().isEmpty()) {
      return CONTEXT_DIR + "/" + git.contextDir();
    }
    return CONTEXT_DIR;
  }

  private List<Volume> volumes(
      ImageBuildSpec spec, BuildContext context, Optional<String> cacheClaim) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(emptyDir("context"));
    volumes.add(emptyDir("work"));
    volumes.add(emptyDir("tmp"));
    volumes.add(cacheVolume(cacheClaim));
    if (hasPushSecret(spec)) {
      volumes.add(
          new VolumeBuilder()
              .withName("docker-config")
              .withNewSecret()
              .withSecretName(spec.pushSecretName())
              .addNewItem()
              .withKey(".dockerconfigjson")
              .withPath("config.json")
              .endItem()
              .withDefaultMode(0440)
              .endSecret()
              .build());
    }
    if (context instanceof BuildContext.FromConfigMap cm) {
      volumes.add(
          new VolumeBuilder()
              .withName("source")
              .withNewConfigMap()
              .withName(cm.configMapName())
              .withItems(
                  cm.items().stream()
                      .map(
                          i ->
                              new KeyToPathBuilder(i)
                                  .withPath(SOURCE_SUBDIR + "/" + i.getPath())
                                  .build())
                      .toList())
              .endConfigMap()
              .build());
    }
    return volumes;
  }

  private static Volume cacheVolume(Optional<String> cacheClaim) {
    if (cacheClaim.isEmpty()) {
      return emptyDir("cache");
    }
    return new VolumeBuilder()
        .withName("cache")
        .withNewPersistentVolumeClaim()
        .withClaimName(cacheClaim.get())
        .endPersistentVolumeClaim()
        .build();
  }

  private ResourceRequirements resources(ImageBuildSpec spec) {
    return spec.resources() != null ? spec.resources() : settings.defaultResources();
  }

  private static boolean hasPushSecret(ImageBuildSpec spec) {
    return spec.pushSecretName() != null && !spec.pushSecretName().isEmpty();
  }

  private static Volume emptyDir(String name) {
    return new VolumeBuilder().withName(name).withNewEmptyDir().endEmptyDir().build();
  }

  private static VolumeMount mount(String name, String path, boolean readOnly) {
    return new VolumeMountBuilder()
        .withName(name)
        .withMountPath(path)
        .withReadOnly(readOnly ? Boolean.TRUE : null)
        .build();
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
