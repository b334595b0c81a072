package dev.strata.operator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The generated CRD's schema makes the API server reject bad ImageBuilds with a clear reason. */
class ImageBuildSchemaIT {

  private static final String VALID_SPEC =
      """
      source:
        inline:
          - path: Dockerfile
            content: "FROM registry.local:5000/library/busybox:latest\\n"
      destinations: [registry.local:5000/demo/app:1.0]
      """;

  private static OperatorHarness harness;
  private static KubernetesClient client;

  @BeforeAll
  static void installCrd() {
    // The harness installs the CRD; its operator also proves a rejected object never reaches it.
    harness = new OperatorHarness(1, dev.strata.operator.reconciler.CleanupPolicy.Never);
    client = harness.client;
  }

  @AfterAll
  static void cleanUp() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void validResourceIsAccepted() {
    GenericKubernetesResource created = client.resource(imageBuild("valid", VALID_SPEC)).create();
    assertEquals("valid", created.getMetadata().getName());
  }

  static Stream<Arguments> invalidSpecs() {
    return Stream.of(
        Arguments.of(
            "no destinations",
            """
                source: {inline: [{path: Dockerfile, content: x}]}
                """,
            "spec.destinations: Required value"),
        Arguments.of(
            "two sources",
            """
                source:
                  inline: [{path: Dockerfile, content: x}]
                  git: {url: 'https://git.local/a.git'}
                destinations: [r.local:5000/a:1]
                """,
            "set exactly one of source.inline, source.configMap or source.git"),
        Arguments.of(
            "path leaves context",
            """
                source:
                  inline:
                  - {path: Dockerfile, content: x}
                  - {path: a/../../etc/x, content: y}
                destinations: [r.local:5000/a:1]
                """,
            "path must stay inside the build context"),
        Arguments.of(
            "absolute path",
            """
                source:
                  inline:
                  - {path: Dockerfile, content: x}
                  - {path: /etc/x, content: y}
                destinations: [r.local:5000/a:1]
                """,
            "spec.source.inline[1].path"),
        Arguments.of(
            "bad mode",
            """
                source: {inline: [{path: Dockerfile, content: x, mode: '0999'}]}
                destinations: [r.local:5000/a:1]
                """,
            "spec.source.inline[0].mode"),
        Arguments.of(
            "no Dockerfile",
            """
                source: {inline: [{path: main.sh, content: x}]}
                destinations: [r.local:5000/a:1]
                """,
            "source.inline has no file at the dockerfile path"),
        Arguments.of(
            "digest destination",
            """
                source: {inline: [{path: Dockerfile, content: x}]}
                destinations: ['r.local:5000/a@sha256:0123']
                """,
            "spec.destinations[0]"),
        Arguments.of(
            "bad timeout",
            """
                source: {inline: [{path: Dockerfile, content: x}]}
                destinations: [r.local:5000/a:1]
                timeout: 10 minutes
                """,
            "spec.timeout"),
        Arguments.of(
            "git over ssh",
            """
                source: {git: {url: 'git@git.local:a.git'}}
                destinations: [r.local:5000/a:1]
                """,
            "spec.source.git.url"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSpecs")
  void invalidResourceIsRejected(String name, String spec, String expected) {
    GenericKubernetesResource bad = imageBuild(name.replace(' ', '-').toLowerCase(), spec);

    KubernetesClientException e =
        assertThrows(KubernetesClientException.class, () -> client.resource(bad).create());

    assertEquals(422, e.getCode(), e.getMessage());
    assertTrue(
        e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
  }

  private static GenericKubernetesResource imageBuild(String name, String specYaml) {
    String yaml =
        "apiVersion: strata.dev/v1alpha1\nkind: ImageBuild\nmetadata:\n  name: "
            + name
            + "\n  namespace: "
            + harness.namespace
            + "\nspec:\n"
            + specYaml.indent(2);
    return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
  }
}
