package io.oktioneer.auction.web;

import io.oktioneer.contracts.openapi.ApiDocument;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The published document (gateway: {@code /api-docs/auction}); committed as docs/openapi/auction.json. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI auctionOpenApi() {
        return ApiDocument.create("Oktioneer auctions",
                "Bidders ask whether to bid on an auction and how much; exchanges post the outcome; users read"
                        + " their spending.", "/api-docs/auction",
                Map.of("Auctions", "Evaluate an auction, record its result, read it back",
                        "Spending", "What each of a user's preferences has spent and reserved"));
    }

    @Bean
    OpenApiCustomizer commonAnswers() {
        return ApiDocument::complete;
    }
}
