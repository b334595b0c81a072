package dev.strata.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * One file of an inline build context.
 *
 * @param path relative path inside the context, e.g. {@code Dockerfile} or {@code bin/run.sh}
 * @param content the file's text
 * @param mode octal permission bits such as {@code 0755}; {@code 0644} when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = Paths.PATH_INSIDE_RULE, message = Paths.PATH_INSIDE_MESSAGE)
public record InlineFile(
    @Required
        @Size(max = 512)
        @Pattern(Paths.RELATIVE_PATH_PATTERN)
        @JsonPropertyDescription("Relative path of the file inside the context.")
        String path,
    @Required @JsonPropertyDescription("The file's content.") String content,
    @Pattern(Modes.PATTERN)
        @JsonPropertyDescription("Octal permission bits, e.g. \"0755\"; default \"0644\".")
        String mode) {}
