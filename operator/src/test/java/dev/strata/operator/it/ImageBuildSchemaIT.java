package dev.strata.operator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          no destinations      | source: {inline: [{path: Dockerfile, content: x}]}                                                                  | spec.destinations: Required value
          two sources          | source: {inline: [{path: Dockerfile, content: x}], git: {url: 'https://git.local/a.git'}}\\ndestinations: [r.local:5000/a:1] | set exactly one of source.inline, source.configMap or source.git
          path leaves context  | source: {inline: [{path: Dockerfile, content: x}, {path: a/../../etc/x, content: y}]}\\ndestinations: [r.local:5000/a:1] | path must stay inside the build context
          absolute path        | source: {inline: [{path: Dockerfile, content: x}, {path: /etc/x, content: y}]}\\ndestinations: [r.local:5000/a:1]        | spec.source.inline[1].path
          bad mode             | source: {inline: [{path: Dockerfile, content: x, mode: '0999'}]}\\ndestinations: [r.local:5000/a:1]                        | spec.source.inline[0].mode
          no Dockerfile        | source: {inline: [{path: main.sh, content: x}]}\\ndestinations: [r.local:5000/a:1]                                        | source.inline has no file at the dockerfile path
          digest destination   | source: {inline: [{path: Dockerfile, content: x}]}\\ndestinations: ['r.local:5000/a@sha256:0123']                          | spec.destinations[0]
          bad timeout          | source: {inline: [{path: Dockerfile, content: x}]}\\ndestinations: [r.local:5000/a:1]\\ntimeout: 10 minutes               | spec.timeout
          git over ssh         | source: {git: {url: 'git@git.local:a.git'}}\\ndestinations: [r.local:5000/a:1]                                          | spec.source.git.url
          """)
  void invalidResourceIsRejected(String name, String spec, String expected) {
    GenericKubernetesResource bad = imageBuild(name.replace(' ', '-'), spec.replace("\\n", "\n"));

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
