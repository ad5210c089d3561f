package io.oktioneer.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.gateway.FakeService;
import io.oktioneer.gateway.GatewayClient;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.SpringProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every malformed request form × every public route (application.yml's routes and the admin API), sent raw
 * with and without a key: the gateway answers it itself, before the key and before routing, in problem+json
 * with the status of docs/gateway.md — never HTML, never 5xx, and nothing reaches a service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeIT {

    private static final String DATABASE = Isolation.newPostgresDatabase("gateway_edge");
    private static final String ADMIN_KEY = "it-admin-" + UUID.randomUUID();
    private static final FakeService PREFERENCE = new FakeService("preference");
    private static final FakeService AUCTION = new FakeService("auction");
    private static final FakeService HISTORY = new FakeService("history");

    /** One valid call per public route: method, path, the endpoint's Allow. */
    record Route(String name, String method, String path, String allow) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route("spending", "GET", "/api/v1/users/u42/spending", "GET, HEAD, OPTIONS"),
            new Route("users", "PUT", "/api/v1/users/u42", "GET, HEAD, PUT, DELETE, OPTIONS"),
            new Route("users (preferences)", "POST", "/api/v1/users/u42/preferences", "GET, HEAD, POST, OPTIONS"),
            new Route("users (preference)", "PUT", "/api/v1/users/u42/preferences/p1",
                    "GET, HEAD, PUT, DELETE, OPTIONS"),
            new Route("evaluate", "POST", "/api/v1/auctions/evaluate", "POST, OPTIONS"),
            new Route("auctions (result)", "POST", "/api/v1/auctions/result", "POST, OPTIONS"),
            new Route("auctions (read)", "GET", "/api/v1/auctions/ex-paris/A-1", "GET, HEAD, OPTIONS"),
            new Route("analytics", "GET", "/api/v1/analytics/summary", "GET, HEAD, OPTIONS"),
            new Route("admin (keys)", "GET", "/api/v1/admin/api-keys", "GET, HEAD, POST, OPTIONS"),
            new Route("admin (key)", "DELETE", "/api/v1/admin/api-keys/k1", "DELETE, OPTIONS"),
            new Route("docs-preference", "GET", "/api-docs/preference", "GET, OPTIONS"),
            new Route("docs-auction", "GET", "/api-docs/auction", "GET, OPTIONS"),
            new Route("docs-analytics", "GET", "/api-docs/analytics", "GET, OPTIONS"));

    /** The malformed path forms, each applied to a route's path: all 400. */
    private static final Map<String, UnaryOperator<String>> MALFORMED_PATHS = new LinkedHashMap<>();

    static {
        MALFORMED_PATHS.put("encoded slash %2F", path -> path + "%2Fx");
        MALFORMED_PATHS.put("encoded slash %2f", path -> inLast(path, "a%2fb"));
        MALFORMED_PATHS.put("encoded backslash %5C", path -> path + "%5Cx");
        MALFORMED_PATHS.put("encoded backslash %5c", path -> inLast(path, "a%5cb"));
        MALFORMED_PATHS.put("raw backslash", path -> path + "\\x");
        MALFORMED_PATHS.put("double-encoded slash %252F", path -> path + "%252Fx");
        MALFORMED_PATHS.put("lone %", path -> path + "%");
        MALFORMED_PATHS.put("invalid escape %G1", path -> path + "%G1");
        MALFORMED_PATHS.put("truncated escape %2", path -> path + "%2");
        MALFORMED_PATHS.put("invalid UTF-8 %C3", path -> path + "%C3");
        MALFORMED_PATHS.put("encoded NUL %00", path -> path + "%00");
        MALFORMED_PATHS.put("dot segment /./", path -> beforeLast(path, "."));
        MALFORMED_PATHS.put("dot-dot segment /../", path -> path + "/../x");
        MALFORMED_PATHS.put("encoded dot-dot %2E%2E", path -> beforeLast(path, "%2E%2E"));
        MALFORMED_PATHS.put("empty segment //", path -> beforeLast(path, ""));
        MALFORMED_PATHS.put("matrix parameter ;", path -> path + ";v=1");
        MALFORMED_PATHS.put("character outside RFC 3986", path -> path + "%22<x>");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SpringProperties.postgres(registry, DATABASE);
        SpringProperties.redis(registry);
        registry.add("oktioneer.security.admin-key", () -> ADMIN_KEY);
        registry.add("oktioneer.gateway.services.preference", PREFERENCE::url);
        registry.add("oktioneer.gateway.services.auction", AUCTION::url);
        registry.add("oktioneer.gateway.services.history", HISTORY::url);
        registry.add("oktioneer.rate-limits.key-prefix", () -> Isolation.uniqueId("it_edge") + ":");
    }

    @LocalServerPort
    int port;

    @BeforeAll
    void ready() {
        new GatewayClient("http://127.0.0.1:" + port).awaitReady();
    }

    @AfterAll
    void stopFakes() {
        PREFERENCE.close();
        AUCTION.close();
        HISTORY.close();
    }

    @Test
    void everyMalformedPathOnEveryRouteIs400ProblemBeforeTheKey() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        int sent = 0;
        for (Route route : ROUTES) {
            for (Map.Entry<String, UnaryOperator<String>> form : MALFORMED_PATHS.entrySet()) {
                String target = form.getValue().apply(route.path());
                for (String key : new String[] {null, ADMIN_KEY}) {
                    RawHttp.Answer answer = RawHttp.request(port, route.method(), target, key);
                    String what = route.name() + " / " + form.getKey() + ": " + route.method() + " " + target
                            + (key == null ? " (no key)" : " (ADMIN key)");
                    assertProblem(softly, what, answer, 400);
                    sent++;
                }
            }
        }
        softly.assertAll();
        assertThat(sent).isEqualTo(ROUTES.size() * MALFORMED_PATHS.size() * 2);
        assertNothingReachedAService();
    }

    @Test
    void everyMethodARouteDoesNotTakeIs405WithAllowBeforeTheKey() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        for (Route route : ROUTES) {
            for (String method : List.of("TRACE", "CONNECT", "PATCH", "FOO", wrongKnownMethod(route))) {
                for (String key : new String[] {null, ADMIN_KEY}) {
                    RawHttp.Answer answer = RawHttp.request(port, method, route.path(), key);
                    String what = route.name() + ": " + method + " " + route.path() + (key == null ? " (no key)" : "");
                    assertProblem(softly, what, answer, 405);
                    softly.assertThat(answer.header("Allow")).as(what + " Allow").isEqualTo(route.allow());
                }
            }
            RawHttp.Answer options = RawHttp.request(port, "OPTIONS", route.path(), null);
            softly.assertThat(options.status()).as("OPTIONS " + route.path()).isEqualTo(204);
            softly.assertThat(options.header("Allow")).as("OPTIONS " + route.path()).isEqualTo(route.allow());
        }
        RawHttp.Answer unknownPath = RawHttp.request(port, "TRACE", "/api/v1/nowhere", null);
        assertProblem(softly, "TRACE on an unknown path", unknownPath, 405);
        softly.assertThat(unknownPath.header("Allow")).isEqualTo("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        assertProblem(softly, "TRACE on the actuator", RawHttp.request(port, "TRACE", "/actuator/health", null), 405);
        RawHttp.Answer actuatorPost = RawHttp.request(port, "DELETE", "/actuator/health", null);
        assertProblem(softly, "DELETE on the actuator", actuatorPost, 405);
        softly.assertThat(actuatorPost.header("Allow")).as("actuator Allow").isNotBlank();
        softly.assertAll();
        assertNothingReachedAService();
    }

    @Test
    void requestsNettyCannotDecodeAreAnsweredInProblemJsonAndTheConnectionClosed() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        assertProblem(softly, "request line with a space in the target",
                RawHttp.send(port, "GET /api/v1/users/a b HTTP/1.1\r\nHost: x"), 400);
        assertProblem(softly, "no HTTP version", RawHttp.send(port, "GET /api/v1/users/u42 XTTP/9\r\nHost: x"), 400);
        assertProblem(softly, "header without a colon",
                RawHttp.send(port, "GET /api/v1/users/u42 HTTP/1.1\r\nHost: x\r\nno colon here"), 400);
        RawHttp.Answer longLine = RawHttp.request(port, "GET", "/api/v1/users/" + "a".repeat(20_000), null);
        assertProblem(softly, "request line over 4 KiB", longLine, 414);
        RawHttp.Answer bigHeaders = RawHttp.send(port, "GET /api/v1/users/u42 HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "b".repeat(20_000));
        assertProblem(softly, "headers over 8 KiB", bigHeaders, 431);
        softly.assertThat(longLine.header("Connection")).isEqualTo("close");
        softly.assertAll();
    }

    @Test
    void wellFormedCallsStillPass() throws Exception {
        RawHttp.Answer answer = RawHttp.request(port, "GET", "/api/v1/users/u4%32/spending", ADMIN_KEY);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(AUCTION.last().uri()).isEqualTo("/api/v1/users/u4%32/spending");
        assertThat(RawHttp.request(port, "HEAD", "/api/v1/auctions/ex-paris/A-1", ADMIN_KEY).status()).isEqualTo(200);
        assertThat(RawHttp.request(port, "GET", "/api/v1/auctions/ex-paris/50%25off", ADMIN_KEY).status())
                .as("an escaped percent that is not an escape once decoded").isEqualTo(200);
        assertThat(RawHttp.request(port, "GET", "/api/v1/users/u42/spending", "okt_unknown").status()).isEqualTo(401);
        assertThat(RawHttp.send(port, "GET /api/v1/users/u42/spending HTTP/1.1\r\nHost: x\r\nX-Oktioneer-Malformed-Target: true"
                + "\r\nAuthorization: Bearer " + ADMIN_KEY).status()).as("the marker cannot be sent by a client")
                .isEqualTo(200);
    }

    private void assertNothingReachedAService() {
        for (FakeService service : List.of(PREFERENCE, AUCTION, HISTORY)) {
            FakeService.Received last = service.last();
            if (last != null) {
                assertThat(last.uri()).as(service.name() + " got a malformed call").isIn(
                        "/api/v1/users/u4%32/spending", "/api/v1/auctions/ex-paris/A-1",
                        "/api/v1/auctions/ex-paris/50%25off", "/api/v1/users/u42/spending");
            }
        }
    }

    private static void assertProblem(SoftAssertions softly, String what, RawHttp.Answer answer, int status) {
        softly.assertThat(answer.status()).as(what).isEqualTo(status);
        softly.assertThat(answer.header("Content-Type")).as(what + " content type").isEqualTo("application/problem+json");
        softly.assertThat(answer.body()).as(what + " body").doesNotContainIgnoringCase("<html").doesNotContain("Exception");
        if ("application/problem+json".equals(answer.header("Content-Type"))) {
            JsonNode body = GatewayClient.JSON.readTree(answer.body());
            softly.assertThat(body.path("type").asString()).as(what + " type").isEqualTo("about:blank");
            softly.assertThat(body.path("title").asString()).as(what + " title").isNotBlank();
            softly.assertThat(body.path("status").asInt()).as(what + " status").isEqualTo(status);
            softly.assertThat(body.path("requestId").asString()).as(what + " requestId").isNotBlank();
        }
    }

    private static String wrongKnownMethod(Route route) {
        for (String method : List.of("DELETE", "PUT", "POST", "GET")) {
            if (!route.allow().contains(method)) {
                return method;
            }
        }
        throw new IllegalStateException(route.toString());
    }

    private static String inLast(String path, String segment) {
        return path.substring(0, path.lastIndexOf('/') + 1) + segment;
    }

    private static String beforeLast(String path, String segment) {
        int slash = path.lastIndexOf('/');
        return path.substring(0, slash) + "/" + segment + path.substring(slash);
    }
}
