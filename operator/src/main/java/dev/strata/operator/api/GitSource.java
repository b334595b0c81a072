package dev.strata.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A build context cloned from a git repository. Only repositories readable without credentials are
 * supported.
 *
 * @param url an http(s) or git URL
 * @param revision branch, tag or commit; the remote's default branch when absent
 * @param contextDir directory inside the repository that is the build context
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.contextDir) || (!('/' + self.contextDir + '/').contains('/../')"
            + " && !('/' + self.contextDir + '/').contains('/./'))",
    message = "contextDir must stay inside the repository: no '..' or '.' segments")
public record GitSource(
    @Required
        @Size(max = 2048)
        @Pattern("^(https?|git)://[^\\s]+$")
        @JsonPropertyDescription("Repository URL (https://, http:// or git://).")
        String url,
    @Size(max = 256)
        @Pattern("^[A-Za-z0-9][A-Za-z0-9._/-]*$")
        @JsonPropertyDescription("Branch, tag or commit; the default branch when absent.")
        String revision,
    @Size(max = 512)
        @Pattern(Paths.RELATIVE_PATH_PATTERN)
        @JsonPropertyDescription(
            "Directory of the repository used as the context; its root when absent.")
        String contextDir) {}
