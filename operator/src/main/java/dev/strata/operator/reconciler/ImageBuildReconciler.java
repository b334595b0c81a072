package dev.strata.operator.reconciler;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.operator.api.ImageBuild;
import dev.strata.operator.api.ImageBuildStatus;
import dev.strata.operator.api.Phase;
import dev.strata.operator.buildpod.BuildContext;
import dev.strata.operator.buildpod.BuildPodFactory;
import dev.strata.operator.buildpod.BuildPodNames;
import dev.strata.operator.buildpod.CacheClaimFactory;
import dev.strata.operator.buildpod.CacheClaimSettings;
import dev.strata.operator.buildpod.InvalidSourceException;
import dev.strata.operator.buildpod.SourceConfigMapFactory;
import dev.strata.operator.metrics.BuildMetrics;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one build pod per generation of an ImageBuild and writes what it reports into status.
 *
 * <p>Every write to the ImageBuild is a status patch; an unchanged observation writes nothing, so
 * repeated reconciles and GitOps tools see a stable object. The pod's name carries the generation,
 * so a second operator replica that slipped past leader election would get a conflict, not a second
 * build.
 */
@ControllerConfiguration(name = ImageBuildReconciler.NAME)
public class ImageBuildReconciler implements Reconciler<ImageBuild>, Cleaner<ImageBuild> {

  public static final String NAME = "imagebuild";

  private static final Logger LOG = LoggerFactory.getLogger(ImageBuildReconciler.class);
  private static final Duration QUEUE_RETRY = Duration.ofSeconds(30);
  private static final Duration SOURCE_RETRY = Duration.ofSeconds(30);
  private static final Duration CLEANUP_DELAY = Duration.ofSeconds(1);

  private final KubernetesClient client;
  private final BuildPodFactory pods;
  private final BuildPodInspector inspector;
  private final StatusFactory statuses;
  private final BuildEvents events;
  private final BuildSlots slots;
  private final BuildMetrics metrics;
  private final CleanupPolicy cleanupPolicy;
  private final CacheClaimSettings cache;
  private final ObjectMapper comparison = new ObjectMapper();
  private volatile InformerEventSource<Pod, ImageBuild> podEvents;
  private final FreedSlotEventSource freedSlots = new FreedSlotEventSource();

  public ImageBuildReconciler(
      KubernetesClient client,
      BuildPodFactory pods,
      BuildPodInspector inspector,
      StatusFactory statuses,
      BuildEvents events,
      BuildSlots slots,
      BuildMetrics metrics,
      CleanupPolicy cleanupPolicy,
      CacheClaimSettings cache) {
    this.client = client;
    this.pods = pods;
    this.inspector = inspector;
    this.statuses = statuses;
    this.events = events;
    this.slots = slots;
    this.metrics = metrics;
    this.cleanupPolicy = cleanupPolicy;
    this.cache = cache;
  }

  @Override
  public List<EventSource<?, ImageBuild>> prepareEventSources(EventSourceContext<ImageBuild> ctx) {
    InformerEventSourceConfiguration<Pod> configuration =
        InformerEventSourceConfiguration.from(Pod.class, ImageBuild.class)
            .withLabelSelector(BuildPodNames.BUILD_POD_SELECTOR)
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(ImageBuild.class))
            .build();
    podEvents = new InformerEventSource<>(configuration, ctx);
    return List.of(podEvents, freedSlots);
  }

  @Override
  public UpdateControl<ImageBuild> reconcile(ImageBuild build, Context<ImageBuild> context) {
    try (MDC.MDCCloseable ignored = MDC.putCloseable("imagebuild", key(build))) {
      long generation = build.getMetadata().getGeneration();
      ImageBuildStatus previous = build.getStatus();
      String podName = BuildPodNames.podName(build);
      Optional<Pod> pod = findPod(build, podName);

      if (isFinal(previous, generation)) {
        pod.ifPresent(p -> cleanUpFinished(build, p, previous.getPhase()));
        return UpdateControl.noUpdate();
      }
      if (pod.isPresent()) {
        return observe(build, pod.get());
      }
      if (wasStarted(previous, generation, podName)) {
        return finish(
            build,
            statuses.observed(
                previous,
                generation,
                podName,
                new PodOutcome.Failed(
                    Reasons.POD_LOST,
                    "Build pod "
                        + podName
                        + " disappeared before it finished; change the spec"
                        + " to build again",
                    null,
                    null)),
            null);
      }
      return start(build);
    }
  }

  @Override
  public DeleteControl cleanup(ImageBuild build, Context<ImageBuild> context) {
    // Owner references would let the garbage collector remove these too, but only after the
    // ImageBuild is gone; deleting now stops a running build at once.
    String selector = BuildPodNames.ownedSelector(build);
    String namespace = build.getMetadata().getNamespace();
    client.pods().inNamespace(namespace).withLabelSelector(selector).list().getItems().stream()
        .forEach(p -> release(key(p)));
    // A slot can be held for a pod that was never created, when its creation failed.
    release(namespace + "/" + BuildPodNames.podName(build));
    client.pods().inNamespace(namespace).withLabelSelector(selector).delete();
    client.configMaps().inNamespace(namespace).withLabelSelector(selector).delete();
    slots.forget(key(build));
    LOG.info("ImageBuild {} deleted; removed its build pods", key(build));
    return DeleteControl.defaultDelete();
  }

  private UpdateControl<ImageBuild> start(ImageBuild build) {
    long generation = build.getMetadata().getGeneration();
    ImageBuildStatus previous = build.getStatus();
    deleteOtherGenerations(build);

    BuildContext context;
    try {
      context = resolveContext(build);
    } catch (InvalidSourceException e) {
      return finish(
          build,
          statuses.rejected(previous, generation, Reasons.INVALID_SOURCE, e.getMessage()),
          null);
    } catch (SourceNotFoundException e) {
      return patch(
              build,
              statuses.waiting(previous, generation, Reasons.SOURCE_NOT_FOUND, e.getMessage()))
          .rescheduleAfter(SOURCE_RETRY);
    }

    String podName = BuildPodNames.podName(build);
    String podKey = build.getMetadata().getNamespace() + "/" + podName;
    if (!slots.tryAcquire(podKey, runningPodKeys(), key(build))) {
      String message = "Waiting for a free build slot; " + slots.running() + " builds are running";
      return patch(build, statuses.waiting(previous, generation, Reasons.QUEUED, message))
          .rescheduleAfter(QUEUE_RETRY);
    }

    try {
      if (build.getSpec().source().inline() != null) {
        createIfAbsent(SourceConfigMapFactory.inlineConfigMap(build));
      }
      createIfAbsent(
          pods.desiredPod(build, context, cacheClaim(build.getMetadata().getNamespace())));
    } catch (KubernetesClientException e) {
      // The slot was taken for a pod that does not exist; a retry takes it again.
      release(podKey);
      if (e.getCode() == 422 || e.getCode() == 413) {
        return finish(
            build,
            statuses.rejected(
                previous,
                generation,
                Reasons.INVALID_SOURCE,
                "The API server refused the build's objects: "
                    + (e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage())
                    + " (an inline source is stored in a ConfigMap, which holds at most 1 MiB;"
                    + " use a git source for larger contexts)"),
            null);
      }
      throw e;
    }
    LOG.info("Created build pod {} for generation {}", podName, generation);
    return patch(build, statuses.started(previous, generation, podName));
  }

  private UpdateControl<ImageBuild> observe(ImageBuild build, Pod pod) {
    long generation = build.getMetadata().getGeneration();
    PodOutcome outcome = inspector.inspect(pod);
    ImageBuildStatus next =
        statuses.observed(build.getStatus(), generation, pod.getMetadata().getName(), outcome);
    if (next.getPhase().isFinal()) {
      return finish(build, next, pod);
    }
    return patch(build, next);
  }

  /** Writes a final status once, with its event and metrics; the pod is cleaned up afterwards. */
  private UpdateControl<ImageBuild> finish(ImageBuild build, ImageBuildStatus next, Pod pod) {
    if (pod != null) {
      release(key(pod));
    }
    slots.forget(key(build));
    String outcome = next.getPhase() == Phase.Succeeded ? "succeeded" : "failed";
    String reason = succeededCondition(next).map(Condition::getReason).orElse("Unknown");
    metrics.finished(outcome, reason, duration(next));
    if (next.getPhase() == Phase.Succeeded) {
      long cached = next.getLayers().stream().filter(l -> Boolean.TRUE.equals(l.cached())).count();
      metrics.layers(cached, next.getLayers().size() - cached);
      next.getWarnings()
          .forEach(
              w ->
                  events.warning(
                      build,
                      Reasons.DOCKERFILE_WARNINGS,
                      (w.line() == null ? "" : "Dockerfile line " + w.line() + ": ")
                          + w.message()));
    }
    LOG.info("Build of generation {} {}: {}", next.getObservedGeneration(), outcome, reason);
    UpdateControl<ImageBuild> control = patch(build, next);
    return pod != null && cleanupPolicy.deletes(next.getPhase())
        ? control.rescheduleAfter(CLEANUP_DELAY)
        : control;
  }

  /** Patches status when it changed, and records an Event when the phase or reason changed. */
  private UpdateControl<ImageBuild> patch(ImageBuild build, ImageBuildStatus next) {
    ImageBuildStatus previous = build.getStatus();
    if (previous != null && comparison.valueToTree(previous).equals(comparison.valueToTree(next))) {
      return UpdateControl.noUpdate();
    }
    if (isTransition(previous, next)) {
      recordTransition(build, next);
    }
    build.setStatus(next);
    return UpdateControl.patchStatus(build);
  }

  private void recordTransition(ImageBuild build, ImageBuildStatus next) {
    Condition succeeded = succeededCondition(next).orElseThrow();
    String message = succeededMessage(next, succeeded);
    if (next.getPhase() == Phase.Failed) {
      events.warning(build, succeeded.getReason(), message);
    } else {
      events.normal(build, succeeded.getReason(), message);
    }
  }

  private static String succeededMessage(ImageBuildStatus status, Condition succeeded) {
    return "Generation " + status.getObservedGeneration() + ": " + succeeded.getMessage();
  }

  private static boolean isTransition(ImageBuildStatus previous, ImageBuildStatus next) {
    if (previous == null) {
      return true;
    }
    String before = succeededCondition(previous).map(Condition::getReason).orElse(null);
    String after = succeededCondition(next).map(Condition::getReason).orElse(null);
    return previous.getPhase() != next.getPhase()
        || !Objects.equals(previous.getObservedGeneration(), next.getObservedGeneration())
        || !Objects.equals(before, after);
  }

  private BuildContext resolveContext(ImageBuild build) {
    var source = build.getSpec().source();
    if (source.git() != null) {
      return new BuildContext.FromGit(
          source.git().url(), source.git().revision(), source.git().contextDir());
    }
    BuildContext.FromConfigMap context;
    if (source.inline() != null) {
      context = SourceConfigMapFactory.inlineContext(build);
    } else {
      ConfigMap configMap =
          client
              .configMaps()
              .inNamespace(build.getMetadata().getNamespace())
              .withName(source.configMap().name())
              .get();
      if (configMap == null) {
        throw new SourceNotFoundException(
            "ConfigMap "
                + source.configMap().name()
                + " named in spec.source.configMap does not exist in namespace "
                + build.getMetadata().getNamespace());
      }
      context = SourceConfigMapFactory.userContext(configMap, source.configMap().items());
    }
    String dockerfile = build.getSpec().dockerfileOrDefault();
    if (context.items().stream().noneMatch(i -> dockerfile.equals(i.getPath()))) {
      throw new InvalidSourceException(
          "The build context has no file at " + dockerfile + " (spec.dockerfile)");
    }
    return context;
  }

  /** The cache claim of the namespace, created when missing and provisioning is on. */
  private Optional<String> cacheClaim(String namespace) {
    if (cache.claimName().isEmpty()) {
      return Optional.empty();
    }
    String name = cache.claimName().get();
    if (client.persistentVolumeClaims().inNamespace(namespace).withName(name).get() != null) {
      return Optional.of(name);
    }
    if (!cache.provision()) {
      LOG.info(
          "No cache claim {} in namespace {}; the build starts with an empty cache",
          name,
          namespace);
      return Optional.empty();
    }
    LOG.info("Creating cache claim {} in namespace {}", name, namespace);
    createIfAbsent(CacheClaimFactory.desiredClaim(cache, namespace));
    return Optional.of(name);
  }

  private Optional<Pod> findPod(ImageBuild build, String podName) {
    String namespace = build.getMetadata().getNamespace();
    Optional<Pod> cached =
        podEvents == null ? Optional.empty() : podEvents.get(new ResourceID(podName, namespace));
    if (cached.isPresent()) {
      return cached;
    }
    // The cache may not have seen a pod created moments ago; ask before concluding it is gone.
    return Optional.ofNullable(client.pods().inNamespace(namespace).withName(podName).get());
  }

  private Set<String> runningPodKeys() {
    if (podEvents == null) {
      return Set.of();
    }
    return podEvents
        .list(p -> p.getMetadata().getDeletionTimestamp() == null && !isFinished(p))
        .map(ImageBuildReconciler::key)
        .collect(Collectors.toSet());
  }

  private void deleteOtherGenerations(ImageBuild build) {
    String namespace = build.getMetadata().getNamespace();
    String generation = String.valueOf(build.getMetadata().getGeneration());
    String selector =
        BuildPodNames.ownedSelector(build)
            + ","
            + BuildPodNames.GENERATION_LABEL
            + "!="
            + generation;
    List<Pod> stale =
        client.pods().inNamespace(namespace).withLabelSelector(selector).list().getItems();
    for (Pod pod : stale) {
      LOG.info("Deleting build pod {} of an older generation", pod.getMetadata().getName());
      release(key(pod));
      client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
    }
    client.configMaps().inNamespace(namespace).withLabelSelector(selector).delete();
  }

  private void cleanUpFinished(ImageBuild build, Pod pod, Phase phase) {
    release(key(pod));
    if (!cleanupPolicy.deletes(phase) || pod.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    LOG.debug(
        "Deleting finished build pod {} ({} policy)", pod.getMetadata().getName(), cleanupPolicy);
    String namespace = build.getMetadata().getNamespace();
    client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
    client
        .configMaps()
        .inNamespace(namespace)
        .withName(BuildPodNames.sourceConfigMapName(build))
        .delete();
  }

  private void createIfAbsent(HasMetadata desired) {
    try {
      client.resource(desired).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      LOG.debug("{} {} exists already", desired.getKind(), desired.getMetadata().getName());
    }
  }

  /** Frees the pod's build slot and wakes the builds that wait for one. */
  private void release(String podKey) {
    freedSlots.wake(slots.release(podKey));
  }

  private static boolean isFinal(ImageBuildStatus status, long generation) {
    return status != null
        && status.getObservedGeneration() != null
        && status.getObservedGeneration() == generation
        && status.getPhase() != null
        && status.getPhase().isFinal();
  }

  private static boolean wasStarted(ImageBuildStatus status, long generation, String podName) {
    return status != null
        && status.getObservedGeneration() != null
        && status.getObservedGeneration() == generation
        && podName.equals(status.getBuildPod());
  }

  private static boolean isFinished(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private static Optional<Condition> succeededCondition(ImageBuildStatus status) {
    return Conditions.find(status.getConditions(), Conditions.SUCCEEDED);
  }

  private static Duration duration(ImageBuildStatus status) {
    if (status.getStartTime() == null || status.getCompletionTime() == null) {
      return null;
    }
    return Duration.between(
        Instant.parse(status.getStartTime()), Instant.parse(status.getCompletionTime()));
  }

  private static String key(HasMetadata resource) {
    return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }
}
