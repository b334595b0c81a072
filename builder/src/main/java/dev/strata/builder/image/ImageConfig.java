package dev.strata.builder.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The image configuration blob (OCI image spec, config.md): runtime defaults, the diff IDs of the
 * layers and the history of the steps. Fields this builder does not know are dropped.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageConfig(
    String created,
    String author,
    String architecture,
    String os,
    String variant,
    Container config,
    RootFs rootfs,
    List<History> history) {

  /** Defaults for a container started from the image. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Container(
      @JsonProperty("User") String user,
      @JsonProperty("ExposedPorts") Map<String, Map<String, Object>> exposedPorts,
      @JsonProperty("Env") List<String> env,
      @JsonProperty("Entrypoint") List<String> entrypoint,
      @JsonProperty("Cmd") List<String> cmd,
      @JsonProperty("Volumes") Map<String, Map<String, Object>> volumes,
      @JsonProperty("WorkingDir") String workingDir,
      @JsonProperty("Labels") Map<String, String> labels,
      @JsonProperty("StopSignal") String stopSignal,
      @JsonProperty("Healthcheck") Healthcheck healthcheck,
      @JsonProperty("Shell") List<String> shell,
      @JsonProperty("OnBuild") List<String> onBuild) {}

  /** A HEALTHCHECK; durations in nanoseconds, as Docker writes them. */
  @JsonInclude(JsonInclude.Include.NON_DEFAULT)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Healthcheck(
      @JsonProperty("Test") List<String> test,
      @JsonProperty("Interval") long interval,
      @JsonProperty("Timeout") long timeout,
      @JsonProperty("StartPeriod") long startPeriod,
      @JsonProperty("StartInterval") long startInterval,
      @JsonProperty("Retries") int retries) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RootFs(String type, @JsonProperty("diff_ids") List<Digest> diffIds) {}

  @JsonInclude(JsonInclude.Include.NON_DEFAULT)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record History(
      String created,
      @JsonProperty("created_by") String createdBy,
      String comment,
      @JsonProperty("empty_layer") boolean emptyLayer) {}
}
