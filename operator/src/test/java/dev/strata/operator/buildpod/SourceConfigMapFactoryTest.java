package dev.strata.operator.buildpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.operator.Fixtures;
import dev.strata.operator.api.ConfigMapItem;
import dev.strata.operator.api.ImageBuild;
import dev.strata.operator.api.InlineFile;
import dev.strata.operator.api.Source;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceConfigMapFactoryTest {

  @Test
  void inlineFilesAreStoredUnderGeneratedKeysOwnedByTheImageBuild() {
    ImageBuild build =
        Fixtures.imageBuild("ns", "scbusybox", Fixtures.inlineSpec("r.local:5000/a/b:1"));
    ConfigMap configMap = SourceConfigMapFactory.inlineConfigMap(build);

    assertEquals("scbusybox-source-1", configMap.getMetadata().getName());
    assertEquals(true, configMap.getImmutable());
    assertEquals(Fixtures.BUSYBOX_WHILE_DOCKERFILE, configMap.getData().get("file-0"));
    assertEquals(Fixtures.WHILE_SH, configMap.getData().get("file-2"));
    assertEquals("scbusybox", configMap.getMetadata().getOwnerReferences().get(0).getName());
  }

  @Test
  void inlineFileThatIsAlsoADirectoryIsRejected() {
    ImageBuild build = Fixtures.imageBuild("ns", "b", Fixtures.inlineSpec("r.local:5000/a/b:1"));
    build.setSpec(
        withInline(
            build,
            List.of(
                new InlineFile("Dockerfile", "FROM scratch", null),
                new InlineFile("a", "file", null),
                new InlineFile("a/b", "below", null))));

    InvalidSourceException e =
        assertThrows(
            InvalidSourceException.class, () -> SourceConfigMapFactory.inlineContext(build));
    assertTrue(e.getMessage().contains("'a' is a file, but 'a/b'"), e.getMessage());
  }

  @Test
  void repeatedInlinePathIsRejected() {
    ImageBuild build = Fixtures.imageBuild("ns", "b", Fixtures.inlineSpec("r.local:5000/a/b:1"));
    build.setSpec(
        withInline(
            build,
            List.of(
                new InlineFile("Dockerfile", "FROM scratch", null),
                new InlineFile("Dockerfile", "FROM busybox", null))));

    InvalidSourceException e =
        assertThrows(
            InvalidSourceException.class, () -> SourceConfigMapFactory.inlineContext(build));
    assertTrue(e.getMessage().contains("'Dockerfile' is given more than once"), e.getMessage());
  }

  @Test
  void unsafePathIsRejectedEvenIfTheSchemaWasBypassed() {
    ImageBuild build = Fixtures.imageBuild("ns", "b", Fixtures.inlineSpec("r.local:5000/a/b:1"));
    build.setSpec(withInline(build, List.of(new InlineFile("../etc/passwd", "x", null))));

    assertThrows(InvalidSourceException.class, () -> SourceConfigMapFactory.inlineContext(build));
  }

  @Test
  void userConfigMapUsesEveryKeyWhenNoItemsAreGiven() {
    ConfigMap user =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("ctx")
            .endMetadata()
            .withData(Map.of("Dockerfile", "FROM busybox", "hello.txt", "hi"))
            .withBinaryData(Map.of("logo.png", "iVBORw0KGgo="))
            .build();

    BuildContext.FromConfigMap context = SourceConfigMapFactory.userContext(user, null);

    assertEquals("ctx", context.configMapName());
    assertEquals(
        List.of("Dockerfile", "hello.txt", "logo.png"),
        context.items().stream().map(KeyToPath::getPath).toList());
  }

  @Test
  void userConfigMapItemsPlaceKeysWithModes() {
    ConfigMap user =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("ctx")
            .endMetadata()
            .withData(Map.of("Dockerfile", "FROM busybox", "run", "#!/bin/sh"))
            .build();

    BuildContext.FromConfigMap context =
        SourceConfigMapFactory.userContext(
            user,
            List.of(
                new ConfigMapItem("Dockerfile", "Dockerfile", null),
                new ConfigMapItem("run", "bin/run.sh", "755")));

    assertEquals("bin/run.sh", context.items().get(1).getPath());
    assertEquals(0755, context.items().get(1).getMode());
  }

  @Test
  void missingKeyNamesTheKeysThatExist() {
    ConfigMap user =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("ctx")
            .endMetadata()
            .withData(Map.of("Dockerfile", "FROM busybox"))
            .build();

    InvalidSourceException e =
        assertThrows(
            InvalidSourceException.class,
            () ->
                SourceConfigMapFactory.userContext(
                    user, List.of(new ConfigMapItem("main.sh", "main.sh", null))));
    assertEquals("ConfigMap ctx has no key 'main.sh'; its keys are [Dockerfile]", e.getMessage());
  }

  private static dev.strata.operator.api.ImageBuildSpec withInline(
      ImageBuild build, List<InlineFile> files) {
    var s = build.getSpec();
    return new dev.strata.operator.api.ImageBuildSpec(
        new Source(files, null, null),
        s.dockerfile(),
        s.buildArgs(),
        s.target(),
        s.destinations(),
        s.pushSecretName(),
        s.insecureRegistries(),
        s.registryMirror(),
        s.timeout(),
        s.resources(),
        s.nodeSelector(),
        s.tolerations());
  }
}
