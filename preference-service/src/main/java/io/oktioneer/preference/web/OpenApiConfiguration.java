package io.oktioneer.preference.web;

import io.oktioneer.contracts.openapi.ApiDocument;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The published document (gateway: {@code /api-docs/preference}); committed as docs/openapi/preference.json. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI preferenceOpenApi() {
        return ApiDocument.create("Oktioneer users and preferences",
                "Users store what they want to buy: categories, brands, the most they pay for one item and a total"
                        + " budget.", "/api-docs/preference",
                Map.of("Users", "A user and the status that lets the user's preferences match",
                        "Preferences", "What a user wants to buy, and how much the user pays"));
    }

    @Bean
    OpenApiCustomizer commonAnswers() {
        return ApiDocument::complete;
    }
}
