package io.oktioneer.support.openapi;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A service's published OpenAPI document ({@code oktioneer.api-document.*} in its application.yml): its title,
 * description, the path the gateway serves it at, and the tags its operations use.
 */
@ConfigurationProperties("oktioneer.api-document")
public record ApiDocumentProperties(String title, String description, String path, List<TagText> tags) {

    public ApiDocumentProperties {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** One tag and its description. */
    public record TagText(String name, String description) {
    }
}
