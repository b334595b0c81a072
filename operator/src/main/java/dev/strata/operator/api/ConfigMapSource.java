package dev.strata.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * A build context kept in a ConfigMap.
 *
 * @param name the ConfigMap, in the ImageBuild's namespace
 * @param items where each key goes and with which mode; when absent every key (text or binary)
 *     becomes a file of that name with mode 0644
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ConfigMapSource(
    @Required @Pattern(Names.DNS_SUBDOMAIN_PATTERN) @JsonPropertyDescription("ConfigMap name.")
        String name,
    @Size(max = 256) @JsonPropertyDescription("Key to path mapping; all keys when absent.")
        List<ConfigMapItem> items) {}
