package io.oktioneer.contracts.openapi;

import io.oktioneer.contracts.InternalHeaders;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What every service's published OpenAPI document shares (SPEC §3, §6): the Apache-2.0 license, the gateway as
 * server, the API key as bearer security scheme, one RFC 9457 {@code Problem} schema and a problem answer per
 * status. An operation names the answers of its own checks with
 * {@code @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)}; {@link #complete} then adds
 * those every call through the gateway can get and drops the answers no operation uses.
 */
public final class ApiDocument {

    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String SECURITY_SCHEME = "apiKey";

    public static final String BAD_REQUEST = "BadRequest";
    public static final String FORBIDDEN = "Forbidden";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String PRECONDITION_FAILED = "PreconditionFailed";
    public static final String UNPROCESSABLE = "UnprocessableContent";
    public static final String PRECONDITION_REQUIRED = "PreconditionRequired";
    public static final String UNAVAILABLE = "ServiceUnavailable";

    private static final String UNAUTHORIZED = "Unauthorized";
    private static final String TOO_LARGE = "ContentTooLarge";
    private static final String MEDIA_TYPE = "UnsupportedMediaType";
    private static final String TOO_MANY = "TooManyRequests";

    /** Response name by status: the problem answers a document may use. */
    private static final Map<String, String> STATUSES = Map.ofEntries(Map.entry("400", BAD_REQUEST),
            Map.entry("401", UNAUTHORIZED), Map.entry("403", FORBIDDEN), Map.entry("404", NOT_FOUND),
            Map.entry("409", CONFLICT), Map.entry("412", PRECONDITION_FAILED), Map.entry("413", TOO_LARGE),
            Map.entry("415", MEDIA_TYPE), Map.entry("422", UNPROCESSABLE), Map.entry("428", PRECONDITION_REQUIRED),
            Map.entry("429", TOO_MANY), Map.entry("503", UNAVAILABLE));

    private ApiDocument() {
    }

    /**
     * A service's document: {@code docsPath} is where the gateway serves it (e.g. {@code /api-docs/auction}),
     * {@code tags} the tags its operations use, each with its description.
     */
    public static OpenAPI create(String title, String description, String docsPath, Map<String, String> tags) {
        Info info = new Info().title(title).version("v1")
                .description(description + "\n\nEvery call goes through the gateway and carries"
                        + " `Authorization: Bearer <api key>` (keys are issued by an ADMIN with"
                        + " `POST /api/v1/admin/api-keys`). Errors are RFC 9457 `application/problem+json`. This"
                        + " document is served by the gateway at `" + docsPath + "`.")
                .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0"));
        SecurityScheme apiKey = new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An API key, sent as `Authorization: Bearer <api key>`; its role (ADMIN, BIDDER,"
                        + " EXCHANGE, USER) decides which calls it may make.");
        OpenAPI api = new OpenAPI().info(info)
                .servers(List.of(
                        new Server().url("http://127.0.0.1:8080")
                                .description("The gateway at its default address (OKTIONEER_GATEWAY_PORT moves it)"),
                        new Server().url("/").description("The gateway that serves this document at " + docsPath)))
                .components(new Components().addSecuritySchemes(SECURITY_SCHEME, apiKey))
                .addSecurityItem(new SecurityRequirement().addList(SECURITY_SCHEME));
        new TreeMap<>(tags).forEach((name, text) -> api.addTagsItem(new Tag().name(name).description(text)));
        return api;
    }

    /**
     * Adds to every {@code /api/} operation the answers any call through the gateway can get (401, 403, 429, 503;
     * with a request body also 413 and 415), puts the named problem answers in the components and keeps only
     * those used; drops the {@code X-Oktioneer-*} headers, which only the gateway sets.
     */
    public static void complete(OpenAPI api) {
        Set<String> used = new HashSet<>();
        api.getPaths().forEach((path, item) -> {
            for (Operation operation : item.readOperations()) {
                if (operation.getParameters() != null) {
                    operation.getParameters().removeIf(parameter -> "header".equals(parameter.getIn())
                            && parameter.getName().startsWith(InternalHeaders.PREFIX));
                    if (operation.getParameters().isEmpty()) {
                        operation.setParameters(null);
                    }
                }
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(ApiDocument::describeIdentifier);
                }
                ApiResponses responses = operation.getResponses();
                if (path.startsWith("/api/")) {
                    List<String> common = operation.getRequestBody() == null
                            ? List.of("401", "403", "429", "503")
                            : List.of("401", "403", "413", "415", "429", "503");
                    for (String status : common) {
                        if (!responses.containsKey(status)) {
                            responses.addApiResponse(status, reference(STATUSES.get(status)));
                        }
                    }
                }
                ApiResponses sorted = new ApiResponses();
                new TreeMap<>(responses).forEach(sorted::addApiResponse);
                operation.setResponses(sorted);
                sorted.values().stream().map(ApiResponse::get$ref).filter(ref -> ref != null)
                        .map(ref -> ref.substring(ref.lastIndexOf('/') + 1)).forEach(used::add);
            }
        });
        Map<String, ApiResponse> answers = new LinkedHashMap<>();
        problemAnswers().forEach((name, answer) -> {
            if (used.contains(name)) {
                answers.put(name, answer);
            }
        });
        api.getComponents().setResponses(answers);
        // Here, not in create(): springdoc drops schemas that nothing references before customizers run.
        api.getComponents().addSchemas("Problem", problemSchema()).addSchemas("FieldError", fieldErrorSchema());
        api.getComponents().getSchemas().values().forEach(ApiDocument::repair);
    }

    /** The path parameters that name things (SPEC §2), with their rules. */
    private static void describeIdentifier(Parameter parameter) {
        if (!"path".equals(parameter.getIn()) || parameter.getDescription() != null) {
            return;
        }
        switch (parameter.getName()) {
            case "userId" -> parameter.description("The user: 1-64 of `[A-Za-z0-9._-]`").example("u42")
                    .schema(new StringSchema().pattern("^[A-Za-z0-9._-]{1,64}$"));
            case "exchange" -> parameter.description("The exchange: 1-64 of `[a-z0-9._-]`").example("ex-paris")
                    .schema(new StringSchema().pattern("^[a-z0-9._-]{1,64}$"));
            case "auctionId" -> parameter.description("The auction's id at its exchange: 1-128 printable ASCII,"
                    + " URL-encoded").example("A-123").schema(new StringSchema().minLength(1).maxLength(128));
            case "preferenceId" -> parameter.description("The preference's id, made by the server")
                    .schema(new StringSchema().format("uuid"));
            default -> {
            }
        }
    }

    /**
     * What swagger-core writes wrong in OpenAPI 3.1: a nullable reference becomes {@code {$ref, type: null}} (made
     * {@code anyOf: [$ref, null]}), a nullable enum lacks null among its values, and a BigDecimal's
     * {@code defaultValue = "0.01"} stays a string.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void repair(Schema<?> schema) {
        if (schema.getProperties() == null) {
            return;
        }
        Map<String, Schema> properties = (Map) schema.getProperties();
        properties.replaceAll((name, property) -> {
            Set<String> types = property.getTypes() == null ? Set.of() : property.getTypes();
            if (property.get$ref() != null && types.contains("null")) {
                return new JsonSchema().description(property.getDescription()).anyOf(List.of(
                        new JsonSchema().$ref(property.get$ref()), new JsonSchema().types(Set.of("null"))));
            }
            if (types.contains("null") && property.getEnum() != null && !property.getEnum().contains(null)) {
                List values = new ArrayList<>(property.getEnum());
                values.add(null);
                property.setEnum(values);
            }
            if (types.contains("number") && property.getDefault() instanceof String text) {
                property.setDefault(new BigDecimal(text));
            }
            return property;
        });
    }

    private static ApiResponse reference(String name) {
        return new ApiResponse().$ref("#/components/responses/" + name);
    }

    private static Map<String, ApiResponse> problemAnswers() {
        Map<String, ApiResponse> answers = new LinkedHashMap<>();
        answers.put(BAD_REQUEST, problem(400, "Bad Request", "Malformed JSON, or invalid fields or parameters: every"
                        + " invalid one is listed in `errors`.", "The request has invalid fields.",
                Map.of("errors", List.of(Map.of("field", "currency",
                        "message", "must be an ISO 4217 code (3 upper-case letters)")))));
        answers.put(UNAUTHORIZED, problem(401, "Unauthorized", "No API key, or an unknown or revoked one.",
                "A valid API key is required: Authorization: Bearer <key>.", Map.of())
                .addHeaderObject("WWW-Authenticate", header("`Bearer`", new StringSchema())));
        answers.put(FORBIDDEN, problem(403, "Forbidden", "The key's role may not make this call, or the data belongs"
                + " to another user or exchange (also when it does not exist, so nothing leaks).",
                "This key may not make this call.", Map.of()));
        answers.put(NOT_FOUND, problem(404, "Not Found", "The user, preference or auction does not exist.",
                "User u42 does not exist.", Map.of()));
        answers.put(CONFLICT, problem(409, "Conflict", "The request conflicts with the state recorded.",
                "A different body was already evaluated for this auction.", Map.of()));
        answers.put(PRECONDITION_FAILED, problem(412, "Precondition Failed", "`If-Match` is not the current version;"
                        + " the answer's `ETag` and `currentVersion` give the current one.",
                "If-Match does not match the current version 3; read it again.", Map.of("currentVersion", 3))
                .addHeaderObject("ETag", header("The current version, e.g. `\"3\"`", new StringSchema())));
        answers.put(TOO_LARGE, problem(413, "Content Too Large", "The request body is over 64 KiB.",
                "The request body is larger than 65536 bytes.", Map.of()));
        answers.put(MEDIA_TYPE, problem(415, "Unsupported Media Type", "The body is not `application/json`.",
                "Content-Type must be application/json.", Map.of()));
        answers.put(UNPROCESSABLE, problem(422, "Unprocessable Content", "The request is well-formed but cannot"
                + " apply to the recorded state.", "clearingPrice 190.00 is above our bid 181.00.", Map.of()));
        answers.put(PRECONDITION_REQUIRED, problem(428, "Precondition Required", "`If-Match` is missing.",
                "A full replace needs If-Match with the ETag of the version it replaces.", Map.of()));
        answers.put(TOO_MANY, problem(429, "Too Many Requests", "The key's rate limit is spent; retry after"
                + " `Retry-After` seconds.", "Rate limit exceeded.", Map.of())
                .addHeaderObject("Retry-After", header("Seconds to wait", new IntegerSchema())));
        answers.put(UNAVAILABLE, problem(503, "Service Unavailable", "A store the call needs is unavailable, or the"
                + " service sheds load; retry after `Retry-After` seconds when given.",
                "The database is unavailable; retry shortly.", Map.of())
                .addHeaderObject("Retry-After", header("Seconds to wait", new IntegerSchema())));
        return answers;
    }

    private static Header header(String description, Schema<?> schema) {
        return new Header().description(description).schema(schema);
    }

    private static ApiResponse problem(int status, String title, String description, String detail,
                                       Map<String, Object> extra) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", title);
        example.put("status", status);
        example.put("detail", detail);
        example.putAll(extra);
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))
                        .addExamples("problem", new Example().value(example))));
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("An error answer (RFC 9457 problem details).")
                .addProperty("type", new StringSchema().description("`about:blank`: the status says it all"))
                .addProperty("title", new StringSchema().description("The status's reason phrase"))
                .addProperty("status", new IntegerSchema().minimum(BigDecimal.valueOf(400))
                        .maximum(BigDecimal.valueOf(599)).description("The HTTP status"))
                .addProperty("detail", new StringSchema().description("What went wrong, for a human"))
                .addProperty("instance", new StringSchema().description("The request's path"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
                        .description("400 only: every invalid field or parameter"))
                .addProperty("currentVersion", new IntegerSchema().format("int64")
                        .description("412 only: the current version of the resource"))
                .required(List.of("type", "title", "status"));
    }

    private static Schema<?> fieldErrorSchema() {
        return new ObjectSchema().description("One invalid field of a request.")
                .addProperty("field", new StringSchema().description("The field's name; `item.category` for a nested"
                        + " one, `body` for the whole body").example("currency"))
                .addProperty("message", new StringSchema().description("What is wrong with it")
                        .example("must be an ISO 4217 code (3 upper-case letters)"))
                .required(List.of("field", "message"));
    }
}
