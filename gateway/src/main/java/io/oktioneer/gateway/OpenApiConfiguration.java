package io.oktioneer.gateway;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's own OpenAPI document (its admin API, {@code /v3/api-docs}). The services' documents are
 * routed at {@code /api-docs/preference|auction|analytics}; Swagger UI ({@code /swagger-ui.html}) lists all four.
 * Every operation gets the problem+json answers the gateway gives it (the edge's 401/403/429, the key store's
 * 503, and per method 400/404/413/415), so the controllers only describe their own success answers.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "apiKey";
    private static final String PROBLEM = "#/components/schemas/Problem";

    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Oktioneer gateway: admin API").version("v1")
                        .description("API keys (ADMIN only). Every /api/** call carries Authorization: Bearer <key>;"
                                + " errors are RFC 9457 application/problem+json.")
                        .license(new License().name("Apache-2.0")
                                .url("https://www.apache.org/licenses/LICENSE-2.0")))
                .addTagsItem(new Tag().name("api-keys").description("Create, list and revoke API keys (ADMIN)."))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("An API key: Authorization: Bearer okt_...")));
    }

    @Bean
    OpenApiCustomizer gatewayProblems() {
        return openApi -> {
            openApi.getComponents().addSchemas("Problem", problemSchema());
            openApi.getPaths().values().forEach(path -> path.readOperationsMap()
                    .forEach((method, operation) -> addProblems(method, operation)));
        };
    }

    private static void addProblems(PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        responses.keySet().removeIf(code -> code.startsWith("4") || code.startsWith("5"));
        if (method != PathItem.HttpMethod.DELETE) {
            problem(responses, "400", "Invalid fields or parameters: every one listed in errors");
        }
        problem(responses, "401", "No valid API key");
        problem(responses, "403", "The key is not an ADMIN key");
        if (method == PathItem.HttpMethod.DELETE) {
            problem(responses, "404", "No API key with this id");
        }
        if (method == PathItem.HttpMethod.POST) {
            problem(responses, "413", "Body over 64 KiB");
            problem(responses, "415", "Body not application/json");
        }
        problem(responses, "429", "Rate limit of the key exceeded (Retry-After)");
        problem(responses, "503", "The API key store (PostgreSQL) is unavailable");
        operation.setResponses(responses);
    }

    private static void problem(ApiResponses responses, String code, String description) {
        responses.addApiResponse(code, new ApiResponse().description(description).content(new Content()
                .addMediaType("application/problem+json", new MediaType().schema(new Schema<>().$ref(PROBLEM)))));
    }

    private static Schema<?> problemSchema() {
        ObjectSchema fieldError = new ObjectSchema();
        fieldError.properties(Map.of("field", new StringSchema(), "message", new StringSchema()));
        Schema<?> problem = new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().description("The request's path"))
                .addProperty("requestId", new StringSchema())
                .addProperty("errors", new ArraySchema().items(fieldError));
        problem.setRequired(List.of("type", "title", "status"));
        return problem;
    }
}
