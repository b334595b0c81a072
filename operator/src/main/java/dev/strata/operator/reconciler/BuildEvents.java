package dev.strata.operator.reconciler;

import dev.strata.operator.api.ImageBuild;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records Events on an ImageBuild, so {@code kubectl describe} shows the build's history. */
public class BuildEvents {

  private static final Logger LOG = LoggerFactory.getLogger(BuildEvents.class);
  private static final int MAX_MESSAGE = 1024;

  private final KubernetesClient client;
  private final Clock clock;

  public BuildEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void normal(ImageBuild build, String reason, String message) {
    record(build, "Normal", reason, message);
  }

  public void warning(ImageBuild build, String reason, String message) {
    record(build, "Warning", reason, message);
  }

  private void record(ImageBuild build, String type, String reason, String message) {
    String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    String text = message == null ? "" : message;
    if (text.length() > MAX_MESSAGE) {
      text = text.substring(0, MAX_MESSAGE - 1) + "…";
    }
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withGenerateName(build.getMetadata().getName() + ".")
            .withNamespace(build.getMetadata().getNamespace())
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(ImageBuild.API_VERSION)
            .withKind("ImageBuild")
            .withName(build.getMetadata().getName())
            .withNamespace(build.getMetadata().getNamespace())
            .withUid(build.getMetadata().getUid())
            .withResourceVersion(build.getMetadata().getResourceVersion())
            .endInvolvedObject()
            .withType(type)
            .withReason(reason)
            .withMessage(text)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent("strata-operator")
            .endSource()
            .build();
    try {
      client.v1().events().inNamespace(build.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      // An event is a courtesy to the reader; the status already holds the same information.
      LOG.warn(
          "Cannot record event {} on ImageBuild {}/{}: {}",
          reason,
          build.getMetadata().getNamespace(),
          build.getMetadata().getName(),
          e.getMessage());
    }
  }
}
