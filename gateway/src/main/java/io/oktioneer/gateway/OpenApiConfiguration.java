package io.oktioneer.gateway;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's own OpenAPI document (its admin API, {@code /v3/api-docs}). The services' documents are
 * routed at {@code /api-docs/preference|auction|analytics}; Swagger UI ({@code /swagger-ui.html}) lists all four.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI().info(new Info().title("Oktioneer gateway: admin API").version("v1")
                .description("API keys (ADMIN only). Every /api/** call carries Authorization: Bearer <key>."));
    }
}
