package dev.strata.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Conditions as the Kubernetes API conventions describe them. */
public final class Conditions {

  public static final String SUCCEEDED = "Succeeded";
  public static final String DOCKERFILE_WARNINGS = "DockerfileWarnings";

  private Conditions() {}

  /**
   * Returns {@code conditions} with the condition of {@code type} set. Its lastTransitionTime
   * changes only when its status does, so an unchanged build gives an unchanged status.
   */
  public static List<Condition> with(
      List<Condition> conditions,
      String type,
      String status,
      String reason,
      String message,
      long generation,
      String now) {
    Optional<Condition> previous = find(conditions, type);
    String since =
        previous
            .filter(c -> status.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .orElse(now);
    Condition condition =
        new ConditionBuilder()
            .withType(type)
            .withStatus(status)
            .withReason(reason)
            .withMessage(message == null ? "" : message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(since)
            .build();
    List<Condition> result = new ArrayList<>();
    if (conditions != null) {
      conditions.stream().filter(c -> !type.equals(c.getType())).forEach(result::add);
    }
    result.add(condition);
    result.sort((a, b) -> a.getType().compareTo(b.getType()));
    return result;
  }

  /** Returns {@code conditions} without the condition of {@code type}. */
  public static List<Condition> without(List<Condition> conditions, String type) {
    List<Condition> result = new ArrayList<>();
    if (conditions != null) {
      conditions.stream().filter(c -> !type.equals(c.getType())).forEach(result::add);
    }
    return result;
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return Optional.empty();
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
