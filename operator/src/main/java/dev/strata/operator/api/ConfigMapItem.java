package dev.strata.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * One ConfigMap key placed in the context.
 *
 * @param key the ConfigMap key
 * @param path relative path in the context
 * @param mode octal permission bits; 0644 when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = Paths.PATH_INSIDE_RULE, message = Paths.PATH_INSIDE_MESSAGE)
public record ConfigMapItem(
    @Required @Pattern("^[-._a-zA-Z0-9]+$") @JsonPropertyDescription("ConfigMap key.") String key,
    @Required
        @Size(max = 512)
        @Pattern(Paths.RELATIVE_PATH_PATTERN)
        @JsonPropertyDescription("Relative path in the context.")
        String path,
    @Pattern(Modes.PATTERN) @JsonPropertyDescription("Octal permission bits; default \"0644\".")
        String mode) {}
