package io.oktioneer.support.openapi;

import io.oktioneer.contracts.openapi.ApiDocument;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The published document of a service that describes one ({@code oktioneer.api-document.title} set): built by
 * contracts' {@link ApiDocument} from {@link ApiDocumentProperties}, and completed with the answers every call
 * through the gateway can get.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnProperty(prefix = "oktioneer.api-document", name = "title")
@EnableConfigurationProperties(ApiDocumentProperties.class)
public class ApiDocumentAutoConfiguration {

    @Bean
    OpenAPI apiDocument(ApiDocumentProperties document) {
        Map<String, String> tags = new LinkedHashMap<>();
        document.tags().forEach(tag -> tags.put(tag.name(), tag.description()));
        return ApiDocument.create(document.title(), document.description(), document.path(), tags);
    }

    @Bean
    OpenApiCustomizer commonAnswers() {
        return ApiDocument::complete;
    }
}
