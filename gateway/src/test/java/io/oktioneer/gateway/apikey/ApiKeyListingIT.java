package io.oktioneer.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.gateway.FakeService;
import io.oktioneer.gateway.GatewayClient;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.RealServers;
import io.oktioneer.testsupport.ServerEndpoints;
import io.oktioneer.testsupport.SpringProperties;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/admin/api-keys} against the real PostgreSQL: paging, each filter, roles, bad input, no secret. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeyListingIT {

    private static final String DATABASE = Isolation.newPostgresDatabase("gateway_keys");
    private static final String ADMIN_KEY = "it-admin-" + UUID.randomUUID();
    private static final FakeService SERVICE = new FakeService("any");
    private static final String PATH = "/api/v1/admin/api-keys";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SpringProperties.postgres(registry, DATABASE);
        SpringProperties.redis(registry);
        registry.add("oktioneer.security.admin-key", () -> ADMIN_KEY);
        registry.add("oktioneer.gateway.services.preference", SERVICE::url);
        registry.add("oktioneer.gateway.services.auction", SERVICE::url);
        registry.add("oktioneer.gateway.services.history", SERVICE::url);
        registry.add("oktioneer.rate-limits.key-prefix", () -> Isolation.uniqueId("it_keys") + ":");
    }

    @LocalServerPort
    int port;

    GatewayClient gateway;
    final List<String> plaintexts = new ArrayList<>();
    final List<String> ids = new ArrayList<>();
    String bidderKey;
    String userKey;
    String exchangeKey;
    String revokedId;

    @BeforeAll
    void keys() {
        gateway = new GatewayClient("http://127.0.0.1:" + port);
        gateway.awaitReady();
        // 25 keys: 10 BIDDER, 6 USER (u1 ×2, u2..u5), 5 EXCHANGE (ex-a ×3, ex-b ×2), 4 ADMIN; 3 revoked.
        for (int i = 0; i < 10; i++) {
            create("{\"role\":\"BIDDER\",\"rateLimit\":{\"perSecond\":" + (i + 1) + ",\"burst\":50}}");
        }
        for (String user : List.of("u1", "u1", "u2", "u3", "u4", "u5")) {
            create("{\"role\":\"USER\",\"userId\":\"" + user + "\"}");
        }
        for (String exchange : List.of("ex-a", "ex-a", "ex-a", "ex-b", "ex-b")) {
            create("{\"role\":\"EXCHANGE\",\"exchange\":\"" + exchange + "\"}");
        }
        for (int i = 0; i < 4; i++) {
            create("{\"role\":\"ADMIN\"}");
        }
        bidderKey = plaintexts.get(0);
        userKey = plaintexts.get(10);
        exchangeKey = plaintexts.get(16);
        for (int index : List.of(1, 11, 17)) {
            HttpResponse<String> revoked = gateway.call("DELETE", PATH + "/" + ids.get(index), ADMIN_KEY, null);
            assertThat(revoked.statusCode()).isEqualTo(204);
        }
        revokedId = ids.get(11);
    }

    @AfterAll
    void stop() {
        SERVICE.close();
    }

    private void create(String body) {
        JsonNode created = gateway.createKey(ADMIN_KEY, body);
        plaintexts.add(created.get("key").asString());
        ids.add(created.get("id").asString());
    }

    @Test
    void pagesHoldEveryKeyOnceOldestFirstAndAPagePastTheEndIsEmpty() {
        List<String> seen = new ArrayList<>();
        String previousCreatedAt = "";
        for (int page = 0; page < 3; page++) {
            JsonNode body = list("?size=10&page=" + page);
            assertThat(body.get("page").get("size").asInt()).isEqualTo(10);
            assertThat(body.get("page").get("number").asInt()).isEqualTo(page);
            assertThat(body.get("page").get("totalElements").asLong()).isEqualTo(25);
            assertThat(body.get("page").get("totalPages").asLong()).isEqualTo(3);
            assertThat(body.get("content")).hasSize(page < 2 ? 10 : 5);
            for (JsonNode key : body.get("content")) {
                assertThat(key.get("createdAt").asString()).isGreaterThanOrEqualTo(previousCreatedAt);
                previousCreatedAt = key.get("createdAt").asString();
                seen.add(key.get("id").asString());
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
        JsonNode past = list("?size=10&page=3");
        assertThat(past.get("content")).isEmpty();
        assertThat(past.get("page").get("totalElements").asLong()).isEqualTo(25);
        JsonNode defaults = list("");
        assertThat(defaults.get("page").get("size").asInt()).isEqualTo(20);
        assertThat(defaults.get("page").get("number").asInt()).isZero();
        assertThat(defaults.get("content")).hasSize(20);
        assertThat(list("?size=200").get("content")).hasSize(25);
    }

    @Test
    void eachFilterAndTheirCombination() {
        assertThat(roles(list("?role=BIDDER&size=200"))).hasSize(10).containsOnly("BIDDER");
        assertThat(roles(list("?role=ADMIN"))).hasSize(4).containsOnly("ADMIN");
        JsonNode u1 = list("?userId=u1");
        assertThat(u1.get("content")).hasSize(2);
        u1.get("content").forEach(key -> assertThat(key.get("userId").asString()).isEqualTo("u1"));
        JsonNode exA = list("?exchange=ex-a");
        assertThat(exA.get("content")).hasSize(3);
        exA.get("content").forEach(key -> assertThat(key.get("exchange").asString()).isEqualTo("ex-a"));
        JsonNode revoked = list("?revoked=true");
        assertThat(ids(revoked)).containsExactlyInAnyOrder(ids.get(1), ids.get(11), ids.get(17));
        revoked.get("content").forEach(key -> {
            assertThat(key.get("revoked").asBoolean()).isTrue();
            assertThat(key.get("revokedAt").asString()).endsWith("Z");
        });
        JsonNode active = list("?revoked=false&size=200");
        assertThat(active.get("page").get("totalElements").asLong()).isEqualTo(22);
        active.get("content").forEach(key -> assertThat(key.get("revokedAt").isNull()).isTrue());
        assertThat(ids(list("?role=USER&userId=u1&revoked=true"))).containsExactly(revokedId);
        assertThat(ids(list("?role=USER&userId=u1&revoked=false"))).containsExactly(ids.get(10));
        assertThat(list("?role=BIDDER&userId=u1").get("content")).isEmpty();
        JsonNode bidder = list("?role=BIDDER&size=1").get("content").get(0);
        assertThat(bidder.get("rateLimit").get("perSecond").asLong()).isEqualTo(1);
        assertThat(bidder.get("rateLimit").get("burst").asLong()).isEqualTo(50);
        assertThat(list("?role=ADMIN&size=1").get("content").get(0).get("rateLimit").isNull()).isTrue();
    }

    @Test
    void onlyAdminKeysMayList() {
        assertThat(gateway.get(PATH, null).statusCode()).isEqualTo(401);
        assertThat(gateway.get(PATH, "okt_unknown").statusCode()).isEqualTo(401);
        for (String key : List.of(bidderKey, userKey, exchangeKey)) {
            HttpResponse<String> answer = gateway.get(PATH, key);
            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(gateway.get(PATH, plaintexts.get(21)).statusCode()).as("a created ADMIN key").isEqualTo(200);
    }

    @Test
    void badParametersAre400ProblemsListingEachOne() {
        HttpResponse<String> answer = gateway.get(PATH + "?role=root&userId=a%20b&exchange=EX&revoked=maybe"
                + "&page=-1&size=201", ADMIN_KEY);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = GatewayClient.json(answer);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").findValuesAsString("field"))
                .containsExactly("role", "userId", "exchange", "revoked", "page", "size");
        for (String query : List.of("?size=0", "?size=x", "?page=1.5", "?role=user", "?revoked=1", "?userId=")) {
            HttpResponse<String> one = gateway.get(PATH + query, ADMIN_KEY);
            assertThat(one.statusCode()).as(query).isEqualTo(400);
            assertThat(GatewayClient.json(one).get("errors")).as(query).hasSize(1);
        }
    }

    @Test
    void noKeyAndNoHashIsEverListed() throws Exception {
        String body = gateway.get(PATH + "?size=200", ADMIN_KEY).body();
        Set<String> hashes = new HashSet<>();
        ServerEndpoints servers = RealServers.get();
        try (Connection db = DriverManager.getConnection(servers.postgresJdbcUrl(DATABASE), servers.postgresUser(),
                servers.postgresPassword()); ResultSet rows = db.createStatement().executeQuery(
                        "SELECT key_hash FROM api_keys")) {
            while (rows.next()) {
                hashes.add(rows.getString(1));
            }
        }
        assertThat(hashes).hasSize(25);
        for (String secret : plaintexts) {
            assertThat(body).doesNotContain(secret);
        }
        for (String hash : hashes) {
            assertThat(body).doesNotContainIgnoringCase(hash);
        }
        assertThat(body).doesNotContain("okt_").doesNotContain(ADMIN_KEY);
        JsonNode first = GatewayClient.JSON.readTree(body).get("content").get(0);
        assertThat(first.propertyNames()).containsExactlyInAnyOrder("id", "role", "userId", "exchange", "rateLimit",
                "createdAt", "revoked", "revokedAt");
    }

    @Test
    void theGatewaysOpenApiDocumentDescribesEveryOperationWithItsProblemsAndTheBearerScheme() throws Exception {
        HttpResponse<String> answer = gateway.get("/v3/api-docs", null);
        assertThat(answer.statusCode()).isEqualTo(200);
        // Kept for redocly lint (docs/gateway.md, "OpenAPI").
        Path file = Path.of("target", "openapi", "gateway.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, answer.body());
        JsonNode document = GatewayClient.json(answer);
        assertThat(document.at("/info/license/name").asString()).isEqualTo("Apache-2.0");
        assertThat(document.at("/components/securitySchemes/apiKey/scheme").asString()).isEqualTo("bearer");
        assertThat(document.at("/security/0").has("apiKey")).isTrue();
        assertThat(document.at("/components/schemas/Problem/required").toString()).contains("type", "title", "status");
        Map<String, List<String>> expected = Map.of(
                "get " + PATH, List.of("200", "400", "401", "403", "429", "503"),
                "post " + PATH, List.of("201", "400", "401", "403", "413", "415", "429", "503"),
                "delete " + PATH + "/{id}", List.of("204", "401", "403", "404", "429", "503"));
        expected.forEach((operation, codes) -> {
            String[] parts = operation.split(" ");
            JsonNode op = document.get("paths").get(parts[1]).get(parts[0]);
            assertThat(op.get("summary").asString()).as(operation).isNotBlank();
            assertThat(op.get("responses").propertyNames()).as(operation).containsExactlyInAnyOrderElementsOf(codes);
            for (String code : codes) {
                if (code.startsWith("4") || code.startsWith("5")) {
                    assertThat(op.at("/responses/" + code + "/content/application~1problem+json/schema/$ref")
                            .asString()).as(operation + " " + code).isEqualTo("#/components/schemas/Problem");
                }
            }
        });
        assertThat(document.get("paths").propertyNames()).containsExactlyInAnyOrder(PATH, PATH + "/{id}");
    }

    private JsonNode list(String query) {
        HttpResponse<String> answer = gateway.get(PATH + query, ADMIN_KEY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return GatewayClient.json(answer);
    }

    private static List<String> roles(JsonNode page) {
        return page.get("content").findValuesAsString("role");
    }

    private static List<String> ids(JsonNode page) {
        List<String> result = new ArrayList<>();
        page.get("content").forEach(key -> result.add(key.get("id").asString()));
        return result;
    }
}
