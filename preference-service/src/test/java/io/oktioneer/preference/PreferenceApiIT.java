package io.oktioneer.preference;

import static io.oktioneer.preference.TestHttp.preferenceBody;
import static io.oktioneer.preference.TestHttp.tree;
import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.contracts.Topics;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.MalformedRequests;
import io.oktioneer.testsupport.OpenApiSnapshot;
import io.oktioneer.testsupport.SpringProperties;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP contract of SPEC §3 (users and preferences) against the real PostgreSQL, Redis and Kafka: shapes,
 * status codes, headers, the validation matrix and error precedence; plus readiness, metrics, OpenAPI and the
 * internal token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PreferenceApiIT {

    private static final String DATABASE = Isolation.newPostgresDatabase("preference_api");
    private static final String ID = Isolation.uniqueId("prefapi");
    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SpringProperties.postgres(registry, DATABASE);
        SpringProperties.redis(registry);
        SpringProperties.kafka(registry);
        registry.add("oktioneer.cache.key-prefix", () -> ID + ":");
        registry.add("oktioneer.kafka.topics.preferences", () -> Isolation.topic(Topics.PREFERENCES, ID));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestHttp http;
    String user;

    @BeforeEach
    void createUser() {
        http = new TestHttp(port);
        user = "u-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.put("/api/v1/users/" + user, Map.of("displayName", "Ada")).statusCode()).isEqualTo(201);
    }

    @Test
    void tomcatsOwnRefusalsAreProblemJsonNeverHtml() throws Exception {
        MalformedRequests.assertAnsweredAsProblems(port);
    }

    @Test
    void userIsCreatedUpdatedReadAndDeletedWithItsPreferences() {
        String id = "Ada.L_" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = http.put("/api/v1/users/" + id, Map.of("displayName", "Ada Lovelace", "x", 1));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = tree(created);
        assertThat(body.propertyNames()).containsExactly("userId", "displayName", "status", "createdAt", "updatedAt");
        assertThat(body.get("userId").asString()).isEqualTo(id);
        assertThat(body.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(body.get("createdAt").asString()).matches(TIMESTAMP);

        HttpResponse<String> updated = http.put("/api/v1/users/" + id,
                Map.of("displayName", "Ada L.", "status", "SUSPENDED"));
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(tree(updated).get("status").asString()).isEqualTo("SUSPENDED");
        assertThat(tree(updated).get("createdAt")).isEqualTo(body.get("createdAt"));

        HttpResponse<String> read = http.get("/api/v1/users/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(tree(read).get("displayName").asString()).isEqualTo("Ada L.");

        String location = http.post("/api/v1/users/" + id + "/preferences", preferenceBody()).headers()
                .firstValue("Location").orElseThrow();
        assertThat(http.delete("/api/v1/users/" + id).statusCode()).isEqualTo(204);
        assertProblem(http.get("/api/v1/users/" + id), 404);
        assertProblem(http.get(location), 404);
        assertProblem(http.delete("/api/v1/users/" + id), 404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM preferences WHERE user_id = ?", Long.class, id)).isZero();
    }

    @Test
    void userValidationListsEveryBadField() {
        JsonNode problem = assertProblem(http.put("/api/v1/users/bad$id", Map.of("status", "active")), 400);
        assertThat(fields(problem)).containsExactlyInAnyOrder("userId", "displayName", "status");
        assertThat(fields(assertProblem(http.put("/api/v1/users/" + "x".repeat(65), Map.of("displayName", "A")), 400)))
                .containsExactly("userId");
        assertThat(fields(assertProblem(http.put("/api/v1/users/u1", Map.of("displayName", "x".repeat(201))), 400)))
                .containsExactly("displayName");
        assertThat(fields(assertProblem(http.get("/api/v1/users/bad%20id"), 400))).containsExactly("userId");
        assertProblem(http.get("/api/v1/users/nobody-" + UUID.randomUUID()), 404);
    }

    @Test
    void preferenceIsCreatedWithLocationEtagAndExactShape() {
        HttpResponse<String> created = http.post(prefs(), preferenceBody());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
        JsonNode body = tree(created);
        assertThat(body.propertyNames()).containsExactly("id", "userId", "name", "categories", "brands", "maxBid",
                "totalBudget", "currency", "active", "version", "createdAt", "updatedAt");
        String id = body.get("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/users/" + user + "/preferences/" + id);
        assertThat(body.get("userId").asString()).isEqualTo(user);
        assertThat(body.get("categories").toString()).isEqualTo("[\"watches\"]");
        assertThat(body.get("brands").toString()).isEqualTo("[\"omega\",\"seiko\"]");
        assertThat(created.body()).contains("\"maxBid\":250.00").contains("\"totalBudget\":1000.00");
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(body.get("createdAt").asString()).matches(TIMESTAMP);

        HttpResponse<String> read = http.get(prefs() + "/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(tree(read)).isEqualTo(body);

        HttpResponse<String> minimal = http.post(prefs(), Map.of("maxBid", 60, "currency", "USD", "unknown", "x"));
        assertThat(minimal.statusCode()).isEqualTo(201);
        assertThat(minimal.body()).contains("\"name\":null", "\"categories\":[]", "\"brands\":[]",
                "\"maxBid\":60.00", "\"totalBudget\":null", "\"active\":true");
    }

    @Test
    void replaceNeedsTheCurrentVersionAndDeleteRemoves() {
        String location = http.post(prefs(), preferenceBody()).headers().firstValue("Location").orElseThrow();
        Map<String, Object> replacement = new HashMap<>(preferenceBody());
        replacement.put("maxBid", 300);
        replacement.put("brands", List.of("Rolex"));

        assertProblem(http.put(location, replacement), 428);
        HttpResponse<String> stale = http.put(location, replacement, "If-Match", "\"0\"");
        assertProblem(stale, 412);
        assertThat(stale.headers().firstValue("ETag")).hasValue("\"1\"");

        HttpResponse<String> replaced = http.put(location, replacement, "If-Match", "\"1\"");
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(replaced.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(replaced.body()).contains("\"maxBid\":300.00", "\"brands\":[\"rolex\"]", "\"version\":2");
        assertProblem(http.put(location, replacement, "If-Match", "\"1\""), 412);
        assertThat(http.get(location).body()).contains("\"maxBid\":300.00");

        // Validation comes before the missing precondition, which comes before state.
        assertProblem(http.put(location, Map.of("currency", "EUR")), 400);
        assertProblem(http.put(prefs() + "/" + UUID.randomUUID(), replacement), 428);
        assertProblem(http.put(prefs() + "/" + UUID.randomUUID(), replacement, "If-Match", "\"1\""), 404);

        assertProblem(http.delete(location, "If-Match", "\"1\""), 412);
        assertThat(http.delete(location).statusCode()).isEqualTo(204);
        assertProblem(http.get(location), 404);
        assertProblem(http.delete(location), 404);
    }

    @Test
    void validationMatrixListsEveryBadFieldAndWritesNothing() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("name", "n".repeat(201));
        bad.put("categories", List.of("ok", " ", "c".repeat(65)));
        List<String> brands = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            brands.add("brand" + i);
        }
        bad.put("brands", brands);
        bad.put("maxBid", new BigDecimal("250.005"));
        bad.put("totalBudget", -1);
        bad.put("currency", "ABC");
        bad.put("active", "yes");
        JsonNode problem = assertProblem(http.post(prefs(), bad), 400);
        assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
        assertThat(fields(problem)).containsExactlyInAnyOrder("name", "categories[1]", "categories[2]", "brands",
                "maxBid", "totalBudget", "currency", "active");

        assertThat(fields(assertProblem(http.post(prefs(), Map.of("maxBid", "250", "currency", "eur")), 400)))
                .containsExactly("maxBid", "currency");
        assertThat(fields(assertProblem(http.post(prefs(), Map.of("maxBid", 0, "currency", "EUR")), 400)))
                .containsExactly("maxBid");
        assertThat(fields(assertProblem(http.post(prefs(), "{\"maxBid\": 1000000000.01, \"currency\": \"EUR\"}"), 400)))
                .containsExactly("maxBid");
        assertThat(fields(assertProblem(http.post(prefs(), "{\"maxBid\": 10.123, \"currency\": \"EUR\"}"), 400)))
                .containsExactly("maxBid");
        assertThat(fields(assertProblem(http.post("/api/v1/users/bad!id/preferences", Map.of()), 400)))
                .containsExactly("userId", "maxBid", "currency");
        assertThat(http.post(prefs(), "{\"maxBid\": 1000000000, \"currency\": \"EUR\"}").statusCode()).isEqualTo(201);

        // Bad input is 400 even for an unknown user (400 before 404); nothing was half-written.
        assertProblem(http.post("/api/v1/users/nobody/preferences", bad), 400);
        assertProblem(http.post("/api/v1/users/nobody-" + UUID.randomUUID() + "/preferences", preferenceBody()), 404);
        assertThat(tree(http.get(prefs())).get("page").get("totalElements").asLong()).isEqualTo(1);
    }

    @Test
    void malformedJsonIs400AndWrongMediaTypeIs415() {
        JsonNode malformed = assertProblem(http.postRaw(prefs(), "application/json", "{\"maxBid\": 250,"), 400);
        assertThat(malformed.toString()).doesNotContain("Exception", "at io.", "tools.jackson");
        assertProblem(http.postRaw(prefs(), "application/json", "[1, 2]"), 400);
        assertProblem(http.postRaw(prefs(), "application/json", "{\"maxBid\": NaN, \"currency\": \"EUR\"}"), 400);
        assertProblem(http.postRaw(prefs(), "application/json", ""), 400);
        assertProblem(http.postRaw(prefs(), "text/plain", "{\"maxBid\": 250, \"currency\": \"EUR\"}"), 415);
        // 415 before 400: the wrong media type wins over a bad body and a bad userId.
        assertProblem(http.postRaw("/api/v1/users/bad$id/preferences", "text/plain", "{"), 415);
    }

    @Test
    void listIsPagedOldestFirstWithBounds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> body = new HashMap<>(preferenceBody());
            body.put("name", "p" + i);
            ids.add(tree(http.post(prefs(), body)).get("id").asString());
        }
        JsonNode first = tree(http.get(prefs() + "?page=0&size=2"));
        assertThat(first.propertyNames()).containsExactly("content", "page");
        assertThat(first.get("page").toString())
                .isEqualTo("{\"size\":2,\"number\":0,\"totalElements\":5,\"totalPages\":3}");
        assertThat(idsOf(first)).containsExactly(ids.get(0), ids.get(1));
        assertThat(idsOf(tree(http.get(prefs() + "?page=2&size=2")))).containsExactly(ids.get(4));
        HttpResponse<String> pastTheEnd = http.get(prefs() + "?page=3&size=2");
        assertThat(pastTheEnd.statusCode()).isEqualTo(200);
        assertThat(tree(pastTheEnd).get("content").size()).isZero();
        assertThat(idsOf(tree(http.get(prefs())))).containsExactlyElementsOf(ids);
        assertThat(tree(http.get(prefs() + "?size=200")).get("page").get("size").asLong()).isEqualTo(200);

        assertThat(fields(assertProblem(http.get(prefs() + "?size=0"), 400))).containsExactly("size");
        assertThat(fields(assertProblem(http.get(prefs() + "?size=201"), 400))).containsExactly("size");
        assertThat(fields(assertProblem(http.get(prefs() + "?page=-1&size=abc"), 400))).containsExactly("page", "size");
        assertProblem(http.get("/api/v1/users/nobody-" + UUID.randomUUID() + "/preferences"), 404);
    }

    @Test
    void anotherUsersPreferenceAndNonUuidIdsAreNotFound() {
        String location = http.post(prefs(), preferenceBody()).headers().firstValue("Location").orElseThrow();
        String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
        http.put("/api/v1/users/" + other, Map.of("displayName", "Bob"));
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertProblem(http.get("/api/v1/users/" + other + "/preferences/" + id), 404);
        assertProblem(http.delete("/api/v1/users/" + other + "/preferences/" + id), 404);
        assertProblem(http.get(prefs() + "/not-a-uuid"), 404);
        assertThat(http.get(location).statusCode()).isEqualTo(200);
    }

    @Test
    void callsWithoutTheInternalTokenAreRefused() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> noToken = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/users/" + user)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
        HttpResponse<String> wrongToken = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/users/" + user))
                .header("X-Oktioneer-Internal-Token", "guess").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongToken.statusCode()).isEqualTo(401);
    }

    @Test
    void readyWithMetricsAndOpenApi() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> readiness = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"", "\"schema\"", "\"db\"");

        HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("service=\"preference-service\"",
                "oktioneer_cache_requests_total{cache=\"preference\",result=\"error\"",
                "oktioneer_cache_requests_total{cache=\"preference_page\",result=\"hit\"",
                "oktioneer_outbox_backlog{", "oktioneer_outbox_oldest_age_seconds{",
                "oktioneer_kafka_publish_errors_total{");

        HttpResponse<String> openApi = http.get("/v3/api-docs");
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/v1/users/{userId}/preferences/{preferenceId}",
                "/api/v1/users/{userId}", "Vintage watches", "If-Match");
    }

    /** The published document (gateway: /api-docs/preference) is the one committed as docs/openapi/preference.json. */
    @Test
    void theLiveOpenApiDocumentIsTheCommittedOne() {
        HttpResponse<String> document = http.get("/v3/api-docs");
        assertThat(document.statusCode()).isEqualTo(200);
        OpenApiSnapshot.assertMatches("preference", document.body(), "./mvnw -B -ntp verify"
                + " -pl contracts,service-support,test-support,preference-service"
                + " -Dit.test='PreferenceApiIT#theLiveOpenApiDocumentIsTheCommittedOne'"
                + " -Dfailsafe.failIfNoSpecifiedTests=false -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false");
    }

    private String prefs() {
        return "/api/v1/users/" + user + "/preferences";
    }

    private static List<String> idsOf(JsonNode page) {
        return page.get("content").values().stream().map(p -> p.get("id").asString()).toList();
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = tree(response);
        assertThat(problem.get("status").asLong()).isEqualTo(status);
        return problem;
    }

    private static List<String> fields(JsonNode problem) {
        return problem.get("errors").values().stream().map(e -> e.get("field").asString()).toList();
    }
}
