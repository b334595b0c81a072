package dev.strata.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * What to build and where to push it.
 *
 * @param source the build context: inline files, a ConfigMap or a git repository
 * @param dockerfile path of the Dockerfile inside the context
 * @param buildArgs values for the Dockerfile's ARG instructions
 * @param target the stage to build in a multi-stage Dockerfile; the last stage when absent
 * @param destinations image references to push to; the first is the one reported in status
 * @param pushSecretName a {@code kubernetes.io/dockerconfigjson} Secret with registry credentials
 * @param insecureRegistries registries (host:port) reached over plain HTTP
 * @param registryMirror a registry (host:port) tried first for Docker Hub images
 * @param timeout how long the build may run, as a duration such as {@code 30m} or {@code 1h30m}
 * @param resources CPU and memory for the build container
 * @param nodeSelector where the build pod may run
 * @param tolerations taints the build pod tolerates
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value =
        "!has(self.source.inline) || self.source.inline.exists(f, f.path == "
            + "(has(self.dockerfile) ? self.dockerfile : 'Dockerfile'))",
    message = "source.inline has no file at the dockerfile path (default: Dockerfile)")
@ValidationRule(
    value =
        "!has(self.dockerfile) || (!('/' + self.dockerfile + '/').contains('/../')"
            + " && !('/' + self.dockerfile + '/').contains('/./'))",
    message = "dockerfile must stay inside the build context: no '..' or '.' segments")
public record ImageBuildSpec(
    @Required @JsonPropertyDescription("The build context.") Source source,
    @JsonPropertyDescription("Path of the Dockerfile relative to the context; default Dockerfile.")
        @Size(max = 512)
        @Pattern(Paths.RELATIVE_PATH_PATTERN)
        String dockerfile,
    @JsonPropertyDescription("Values for ARG instructions, by name.") @Size(max = 64)
        Map<String, String> buildArgs,
    @JsonPropertyDescription("Stage to build; the last stage when absent.")
        @Pattern("^[A-Za-z0-9][A-Za-z0-9_.-]*$")
        String target,
    @Required
        @Size(min = 1, max = 16)
        @JsonPropertyDescription(
            "Image references REGISTRY[:PORT]/REPOSITORY[:TAG] to push to; the first is reported.")
        List<@Pattern(Names.DESTINATION_PATTERN) String> destinations,
    @JsonPropertyDescription("Secret of type kubernetes.io/dockerconfigjson used to push and pull.")
        @Pattern(Names.DNS_SUBDOMAIN_PATTERN)
        String pushSecretName,
    @JsonPropertyDescription("Registries (host:port) that are reached over plain HTTP.")
        @Size(max = 16)
        List<@Pattern(Names.REGISTRY_HOST_PATTERN) String> insecureRegistries,
    @JsonPropertyDescription("Registry (host:port) tried first for images from Docker Hub.")
        @Pattern(Names.REGISTRY_HOST_PATTERN)
        String registryMirror,
    @JsonPropertyDescription(
            "Longest time the build may run, e.g. 30m or 1h30m; default from the operator.")
        @Pattern(Durations.PATTERN)
        String timeout,
    @JsonPropertyDescription("CPU and memory for the build container.")
        ResourceRequirements resources,
    @JsonPropertyDescription("Node labels the build pod must match.")
        Map<String, String> nodeSelector,
    @JsonPropertyDescription("Taints the build pod tolerates.") List<Toleration> tolerations) {

  /** The Dockerfile path, defaulted. */
  public String dockerfileOrDefault() {
    return dockerfile == null || dockerfile.isEmpty() ? "Dockerfile" : dockerfile;
  }
}
