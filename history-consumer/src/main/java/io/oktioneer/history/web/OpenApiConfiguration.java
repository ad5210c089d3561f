package io.oktioneer.history.web;

import io.oktioneer.contracts.openapi.ApiDocument;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The published document (gateway: {@code /api-docs/analytics}); committed as docs/openapi/analytics.json. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI analyticsOpenApi() {
        return ApiDocument.create("Oktioneer analytics",
                "Summaries of every evaluation and result, read from the analytics store (ClickHouse).",
                "/api-docs/analytics", Map.of("Analytics", "Evaluations, bids, wins and spend over a time window"));
    }

    @Bean
    OpenApiCustomizer commonAnswers() {
        return ApiDocument::complete;
    }
}
