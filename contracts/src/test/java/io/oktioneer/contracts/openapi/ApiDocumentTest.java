package io.oktioneer.contracts.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiDocumentTest {

    private static Operation operation(String... ownAnswers) {
        ApiResponses responses = new ApiResponses().addApiResponse("200", new ApiResponse().description("ok"));
        for (String name : ownAnswers) {
            responses.addApiResponse(name.equals(ApiDocument.NOT_FOUND) ? "404" : "400",
                    new ApiResponse().$ref("#/components/responses/" + name));
        }
        return new Operation().responses(responses).parameters(new ArrayList<>(List.of(
                new PathParameter().name("userId").schema(new StringSchema()),
                new HeaderParameter().name("X-Oktioneer-Role").schema(new StringSchema()))));
    }

    private static OpenAPI document() {
        OpenAPI api = ApiDocument.create("t", "d", "/api-docs/t", Map.of("B", "b", "A", "a"));
        Operation read = operation(ApiDocument.NOT_FOUND);
        Operation write = operation(ApiDocument.BAD_REQUEST).requestBody(new RequestBody());
        api.paths(new Paths().addPathItem("/api/v1/x/{userId}", new PathItem().get(read).post(write)));
        return api;
    }

    @Test
    void everyApiOperationGetsTheAnswersOfTheGatewayAndOnlyUsedAnswersAreKept() {
        OpenAPI api = document();
        ApiDocument.complete(api);

        PathItem item = api.getPaths().get("/api/v1/x/{userId}");
        assertThat(item.getGet().getResponses()).containsOnlyKeys("200", "401", "403", "404", "429", "503");
        assertThat(item.getPost().getResponses())
                .containsOnlyKeys("200", "400", "401", "403", "413", "415", "429", "503");
        assertThat(api.getComponents().getResponses()).containsOnlyKeys("BadRequest", "Unauthorized", "Forbidden",
                "NotFound", "ContentTooLarge", "UnsupportedMediaType", "TooManyRequests", "ServiceUnavailable");
        assertThat(api.getComponents().getResponses().get("TooManyRequests").getHeaders()).containsKey("Retry-After");
        assertThat(api.getComponents().getSchemas()).containsKeys("Problem", "FieldError");
        assertThat(api.getSecurity()).hasSize(1);
        assertThat(api.getInfo().getLicense().getName()).isEqualTo("Apache-2.0");
        assertThat(api.getTags()).extracting(t -> t.getName()).containsExactly("A", "B");
    }

    @Test
    void internalHeadersAreDroppedAndIdentifiersDescribed() {
        OpenAPI api = document();
        ApiDocument.complete(api);

        Operation read = api.getPaths().get("/api/v1/x/{userId}").getGet();
        assertThat(read.getParameters()).hasSize(1);
        assertThat(read.getParameters().getFirst().getSchema().getPattern()).isEqualTo("^[A-Za-z0-9._-]{1,64}$");
    }

    @Test
    void nullableReferencesAndEnumsAreWrittenAsOpenApi31WantsThem() {
        OpenAPI api = document();
        Schema<?> bid = new JsonSchema().$ref("#/components/schemas/Bid").types(Set.of("null"));
        Schema<String> reason = new JsonSchema().types(Set.of("string", "null"));
        reason.setEnum(List.of("NO_MATCH"));
        api.getComponents().addSchemas("View", new ObjectSchema().addProperty("bid", bid).addProperty("reason", reason));
        ApiDocument.complete(api);
        ApiDocument.complete(api);

        Schema<?> view = api.getComponents().getSchemas().get("View");
        Schema<?> repaired = (Schema<?>) view.getProperties().get("bid");
        assertThat(repaired.get$ref()).isNull();
        assertThat(repaired.getAnyOf()).hasSize(2);
        List<Object> values = new ArrayList<>(((Schema<?>) view.getProperties().get("reason")).getEnum());
        assertThat(values).containsExactly("NO_MATCH", null);
    }
}
