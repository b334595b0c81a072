package dev.strata.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads build logs through the API server ({@code pods/log}), so the build pod itself needs no API
 * access. The kubelet serves only the current log file: with its default rotation at 10 MiB a build
 * whose RUN output passes that size keeps only the tail, which still holds the result.
 */
public final class KubernetesBuildLogReader implements BuildLogReader {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesBuildLogReader.class);

  private final KubernetesClient client;

  public KubernetesBuildLogReader(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public String read(Pod pod, String container) {
    try {
      String log =
          client
              .pods()
              .inNamespace(pod.getMetadata().getNamespace())
              .withName(pod.getMetadata().getName())
              .inContainer(container)
              .getLog();
      return log == null ? "" : log;
    } catch (KubernetesClientException e) {
      LOG.warn(
          "Cannot read log of container {} in pod {}/{}: {}",
          container,
          pod.getMetadata().getNamespace(),
          pod.getMetadata().getName(),
          e.getMessage());
      return "";
    }
  }
}
