package dev.strata.operator.buildpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.operator.Fixtures;
import dev.strata.operator.api.GitSource;
import dev.strata.operator.api.ImageBuild;
import dev.strata.operator.api.ImageBuildSpec;
import dev.strata.operator.api.Source;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BuildPodFactoryTest {

  private final BuildPodFactory factory = new BuildPodFactory(Fixtures.settings());

  private Pod inlinePod(ImageBuildSpec spec) {
    ImageBuild build = Fixtures.imageBuild("team-a", "scbusybox", spec);
    return factory.desiredPod(
        build, SourceConfigMapFactory.inlineContext(build), Fixtures.CACHE_CLAIM);
  }

  @Test
  void podMeetsTheRestrictedPodSecurityStandard() {
    Pod pod = inlinePod(Fixtures.inlineSpec("registry.local:5000/demo/scbusybox:1.1"));

    assertEquals(false, pod.getSpec().getAutomountServiceAccountToken());
    assertEquals("Never", pod.getSpec().getRestartPolicy());
    assertEquals(true, pod.getSpec().getSecurityContext().getRunAsNonRoot());
    assertEquals(65532L, pod.getSpec().getSecurityContext().getRunAsUser());
    assertEquals(
        "RuntimeDefault", pod.getSpec().getSecurityContext().getSeccompProfile().getType());
    List<Container> all = new java.util.ArrayList<>(pod.getSpec().getInitContainers());
    all.addAll(pod.getSpec().getContainers());
    assertEquals(2, all.size());
    for (Container c : all) {
      SecurityContext sc = c.getSecurityContext();
      assertEquals(false, sc.getAllowPrivilegeEscalation(), c.getName());
      assertEquals(true, sc.getReadOnlyRootFilesystem(), c.getName());
      assertEquals(true, sc.getRunAsNonRoot(), c.getName());
      assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), c.getName());
      assertTrue(sc.getCapabilities().getAdd().isEmpty(), c.getName());
      assertEquals("RuntimeDefault", sc.getSeccompProfile().getType(), c.getName());
      assertNull(sc.getPrivileged(), c.getName());
    }
  }

  @Test
  void podIsOwnedByItsImageBuildAndNamedForTheGeneration() {
    Pod pod = inlinePod(Fixtures.inlineSpec("registry.local:5000/demo/scbusybox:1.1"));

    assertEquals("scbusybox-build-1", pod.getMetadata().getName());
    assertEquals("team-a", pod.getMetadata().getNamespace());
    OwnerReference owner = pod.getMetadata().getOwnerReferences().get(0);
    assertEquals("strata.dev/v1alpha1", owner.getApiVersion());
    assertEquals("ImageBuild", owner.getKind());
    assertEquals("scbusybox", owner.getName());
    assertEquals(true, owner.getController());
    assertEquals("1", pod.getMetadata().getLabels().get(BuildPodNames.GENERATION_LABEL));
    assertEquals(
        "strata-operator", pod.getMetadata().getLabels().get(BuildPodNames.MANAGED_BY_LABEL));
  }

  @Test
  void everyWritablePathIsAnEmptyDirOrTheCache() {
    Pod pod = inlinePod(Fixtures.inlineSpec("registry.local:5000/demo/scbusybox:1.1"));
    Map<String, Volume> volumes =
        pod.getSpec().getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
    Container build = pod.getSpec().getContainers().get(0);
    Map<String, String> mounts =
        build.getVolumeMounts().stream()
            .collect(Collectors.toMap(VolumeMount::getMountPath, VolumeMount::getName));

    assertEquals("context", mounts.get("/workspace/context"));
    assertEquals("work", mounts.get("/workspace/work"));
    assertEquals("tmp", mounts.get("/tmp"));
    assertEquals("cache", mounts.get("/cache"));
    assertTrue(volumes.get("context").getEmptyDir() != null);
    assertTrue(volumes.get("work").getEmptyDir() != null);
    assertTrue(volumes.get("tmp").getEmptyDir() != null);
    assertEquals("strata-cache", volumes.get("cache").getPersistentVolumeClaim().getClaimName());
    assertFalse(volumes.containsKey("docker-config"), "no push secret was named");
  }

  @Test
  void inlineFilesKeepTheirModesInTheSourceVolume() {
    Pod pod = inlinePod(Fixtures.inlineSpec("registry.local:5000/demo/scbusybox:1.1"));
    Volume source =
        pod.getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals("source"))
            .findFirst()
            .orElseThrow();

    assertEquals("scbusybox-source-1", source.getConfigMap().getName());
    Map<String, Integer> modes =
        source.getConfigMap().getItems().stream()
            .collect(Collectors.toMap(KeyToPath::getPath, KeyToPath::getMode));
    assertEquals(
        Map.of("context/Dockerfile", 0644, "context/hello.txt", 0644, "context/while.sh", 0755),
        modes);
    Container init = pod.getSpec().getInitContainers().get(0);
    assertEquals(
        List.of("sh", "-c", "umask 0000 && cp -R -L /source/context/. /workspace/context/"),
        init.getCommand());
  }

  @Test
  void builderArgumentsFollowTheCliContract() {
    ImageBuildSpec spec =
        new ImageBuildSpec(
            new Source(Fixtures.busyboxWhileFiles(), null, null),
            null,
            Map.of("B", "2", "A", "1"),
            "final",
            List.of("registry.local:5000/demo/app:1.0", "registry.local:5000/demo/app:latest"),
            "push-creds",
            List.of("registry.local:5000"),
            "mirror.local:5000",
            "1h30m",
            null,
            null,
            null);
    Pod pod = inlinePod(spec);
    Container build = pod.getSpec().getContainers().get(0);

    assertEquals(List.of("strata"), build.getCommand());
    assertEquals(
        List.of(
            "build",
            "--context",
            "/workspace/context",
            "--file",
            "/workspace/context/Dockerfile",
            "--destination",
            "registry.local:5000/demo/app:1.0",
            "--destination",
            "registry.local:5000/demo/app:latest",
            "--build-arg",
            "A=1",
            "--build-arg",
            "B=2",
            "--target",
            "final",
            "--insecure-registry",
            "registry.local:5000",
            "--registry-mirror",
            "mirror.local:5000",
            "--cache-dir",
            "/cache",
            "--docker-config",
            "/docker-config/config.json",
            "--result-file",
            "/dev/termination-log"),
        build.getArgs());
    assertEquals(5400L, pod.getSpec().getActiveDeadlineSeconds());
    assertEquals("FallbackToLogsOnError", build.getTerminationMessagePolicy());
    Volume secret =
        pod.getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals("docker-config"))
            .findFirst()
            .orElseThrow();
    assertEquals("push-creds", secret.getSecret().getSecretName());
    assertEquals(".dockerconfigjson", secret.getSecret().getItems().get(0).getKey());
    assertEquals("config.json", secret.getSecret().getItems().get(0).getPath());
  }

  @Test
  void gitSourceIsClonedByTheInitContainerIntoTheContext() {
    ImageBuildSpec spec =
        new ImageBuildSpec(
            new Source(null, null, new GitSource("https://git.local/app.git", "v1.2", "docker")),
            "build/Dockerfile",
            null,
            null,
            List.of("registry.local:5000/demo/app:1.0"),
            null,
            null,
            null,
            null,
            null,
            Map.of("kubernetes.io/arch", "amd64"),
            null);
    ImageBuild build = Fixtures.imageBuild("team-a", "app", spec);
    Pod pod =
        factory.desiredPod(
            build,
            new BuildContext.FromGit("https://git.local/app.git", "v1.2", "docker"),
            java.util.Optional.empty());
    Container init = pod.getSpec().getInitContainers().get(0);
    Map<String, String> env =
        init.getEnv().stream().collect(Collectors.toMap(e -> e.getName(), e -> e.getValue()));

    assertEquals("https://git.local/app.git", env.get("GIT_URL"));
    assertEquals("v1.2", env.get("GIT_REVISION"));
    assertTrue(
        init.getCommand().get(2).contains("git fetch -q --depth 1 origin \"$GIT_REVISION\""));
    assertFalse(
        init.getCommand().get(2).contains("git.local"), "the URL is passed as data, not as code");
    List<String> args = pod.getSpec().getContainers().get(0).getArgs();
    assertEquals("/workspace/context/docker", args.get(args.indexOf("--context") + 1));
    assertEquals(
        "/workspace/context/docker/build/Dockerfile", args.get(args.indexOf("--file") + 1));
    assertTrue(pod.getSpec().getVolumes().stream().noneMatch(v -> v.getName().equals("source")));
    Volume cache =
        pod.getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals("cache"))
            .findFirst()
            .orElseThrow();
    assertTrue(cache.getEmptyDir() != null, "no cache claim: the cache is an emptyDir");
    assertEquals(Map.of("kubernetes.io/arch", "amd64"), pod.getSpec().getNodeSelector());
  }

  @Test
  void sameSpecGivesTheSamePod() {
    ImageBuildSpec spec = Fixtures.inlineSpec("registry.local:5000/demo/scbusybox:1.1");
    assertEquals(inlinePod(spec), inlinePod(spec));
  }
}
