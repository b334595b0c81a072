package dev.strata.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * Where the build context comes from; exactly one of the three.
 *
 * @param inline files written in the resource itself
 * @param configMap files from a ConfigMap in the same namespace
 * @param git a git repository
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "(has(self.inline) ? 1 : 0) + (has(self.configMap) ? 1 : 0) + (has(self.git) ? 1 : 0) == 1",
    message = "set exactly one of source.inline, source.configMap or source.git")
public record Source(
    @JsonPropertyDescription("Files of the build context, written in the resource.")
        @Size(min = 1, max = 256)
        List<InlineFile> inline,
    @JsonPropertyDescription("A ConfigMap in the same namespace whose keys are the context files.")
        ConfigMapSource configMap,
    @JsonPropertyDescription("A git repository to clone.") GitSource git) {}
