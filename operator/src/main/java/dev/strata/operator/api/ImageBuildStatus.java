package dev.strata.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed about the build of {@link #getObservedGeneration()}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ImageBuildStatus {

  @JsonPropertyDescription("The spec generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Pending, Building, Succeeded or Failed.")
  private Phase phase;

  @JsonPropertyDescription("Standard conditions; Succeeded is True, False or Unknown.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The pushed image by digest: first destination's repository @ digest.")
  private String image;

  @JsonPropertyDescription("Digest of the pushed manifest.")
  private String digest;

  @JsonPropertyDescription("The image the final stage started from.")
  private BaseImage baseImage;

  @JsonPropertyDescription("Layers of the image, in order, base image first.")
  private List<Layer> layers = new ArrayList<>();

  @JsonPropertyDescription("Things in the Dockerfile that will likely fail at run time.")
  private List<BuildWarning> warnings = new ArrayList<>();

  @JsonPropertyDescription("Why the build failed, with the Dockerfile line when there is one.")
  private BuildFailure failure;

  @JsonPropertyDescription("When the build pod was created.")
  private String startTime;

  @JsonPropertyDescription("When the build finished, successfully or not.")
  private String completionTime;

  @JsonPropertyDescription("Name of the pod that runs or ran the build.")
  private String buildPod;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public String getDigest() {
    return digest;
  }

  public void setDigest(String digest) {
    this.digest = digest;
  }

  public BaseImage getBaseImage() {
    return baseImage;
  }

  public void setBaseImage(BaseImage baseImage) {
    this.baseImage = baseImage;
  }

  public List<Layer> getLayers() {
    return layers;
  }

  public void setLayers(List<Layer> layers) {
    this.layers = layers == null ? new ArrayList<>() : layers;
  }

  public List<BuildWarning> getWarnings() {
    return warnings;
  }

  public void setWarnings(List<BuildWarning> warnings) {
    this.warnings = warnings == null ? new ArrayList<>() : warnings;
  }

  public BuildFailure getFailure() {
    return failure;
  }

  public void setFailure(BuildFailure failure) {
    this.failure = failure;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getCompletionTime() {
    return completionTime;
  }

  public void setCompletionTime(String completionTime) {
    this.completionTime = completionTime;
  }

  public String getBuildPod() {
    return buildPod;
  }

  public void setBuildPod(String buildPod) {
    this.buildPod = buildPod;
  }
}
