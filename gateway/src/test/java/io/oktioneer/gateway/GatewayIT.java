package io.oktioneer.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.security.InternalTokenFilter;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.OpenApiSnapshot;
import io.oktioneer.testsupport.RealServers;
import io.oktioneer.testsupport.ServerEndpoints;
import io.oktioneer.testsupport.SpringProperties;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The gateway against the real PostgreSQL and Redis, with in-process fake services behind it that echo what
 * they receive: routing, the role × endpoint matrix, identity forwarding, rate limits, revocation, the admin
 * API, body and media-type checks, error precedence and the gateway's own errors.
 */
// Spring's request logger, as the platform's system test turns it on: one "Completed" line per request.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.org.springframework.web.server.adapter.HttpWebHandlerAdapter=DEBUG")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class GatewayIT {

    private static final String DATABASE = Isolation.newPostgresDatabase("gateway");
    private static final String ADMIN_KEY = "it-admin-" + UUID.randomUUID();
    private static final String INTERNAL_TOKEN = "it-internal-" + UUID.randomUUID();
    private static final FakeService PREFERENCE = new FakeService("preference");
    private static final FakeService AUCTION = new FakeService("auction");
    private static final FakeService HISTORY = new FakeService("history");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SpringProperties.postgres(registry, DATABASE);
        SpringProperties.redis(registry);
        registry.add("oktioneer.security.admin-key", () -> ADMIN_KEY);
        registry.add("oktioneer.security.internal-token", () -> INTERNAL_TOKEN);
        registry.add("oktioneer.gateway.services.preference", PREFERENCE::url);
        registry.add("oktioneer.gateway.services.auction", AUCTION::url);
        registry.add("oktioneer.gateway.services.history", HISTORY::url);
        registry.add("oktioneer.gateway.api-keys.refresh", () -> "300ms");
        registry.add("oktioneer.rate-limits.key-prefix", () -> Isolation.uniqueId("it_gateway") + ":");
        // Short enough for the 504 test (the fake's /slow answers after 15 s), long enough for a loaded machine.
        registry.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "5s");
        registry.add("oktioneer.rate-limits.exchange.burst", () -> "7");
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    RouteLocator routes;

    GatewayClient gateway;
    String bidderKey;
    String exchangeKey;
    String user42Key;
    String user7Key;
    String createdAdminKey;

    @BeforeAll
    void keys() {
        gateway = new GatewayClient("http://127.0.0.1:" + port);
        gateway.awaitReady();
        bidderKey = gateway.createKey(ADMIN_KEY, "{\"role\":\"BIDDER\"}").get("key").asString();
        exchangeKey = gateway.createKey(ADMIN_KEY, "{\"role\":\"EXCHANGE\",\"exchange\":\"ex-paris\"}").get("key").asString();
        user42Key = gateway.createKey(ADMIN_KEY, "{\"role\":\"USER\",\"userId\":\"u42\"}").get("key").asString();
        user7Key = gateway.createKey(ADMIN_KEY, "{\"role\":\"USER\",\"userId\":\"u7\"}").get("key").asString();
        createdAdminKey = gateway.createKey(ADMIN_KEY, "{\"role\":\"ADMIN\"}").get("key").asString();
    }

    @AfterAll
    void stopFakes() {
        PREFERENCE.close();
        AUCTION.close();
        HISTORY.close();
    }

    // ------------------------------------------------------------------ start, metrics

    @Test
    void startsReadyAndExportsItsMetrics() {
        HttpResponse<String> readiness = gateway.get("/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"apiKeys\"").contains("\"status\":\"UP\"");

        assertThat(gateway.get("/api/v1/auctions/ex-paris/A-1", bidderKey).statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = gateway.get("/actuator/prometheus", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("service=\"gateway\"")
                .contains("http_server_requests_seconds_count")
                .contains("oktioneer_ratelimit_rejections_total{role=\"BIDDER\"")
                .contains("oktioneer_ratelimit_failopen_total")
                .contains("oktioneer_auth_rejections_total{service=\"gateway\",status=\"401\"}")
                .contains("oktioneer_auth_rejections_total{service=\"gateway\",status=\"403\"}");
    }

    // ------------------------------------------------------------------ routing and roles

    private record Call(String method, String path, String body, String service) {
    }

    private static final String EVALUATE = "{\"exchange\":\"ex-paris\",\"auctionId\":\"A-1\",\"item\":{},"
            + "\"floorPrice\":1.00,\"currency\":\"EUR\"}";

    @Test
    void everyRoleGetsExactlyItsEndpoints() {
        String someId = UUID.randomUUID().toString();
        Map<Call, List<Integer>> matrix = new LinkedHashMap<>();
        // expected statuses for: env ADMIN, created ADMIN, BIDDER, EXCHANGE, USER u42, USER u7
        matrix.put(new Call("PUT", "/api/v1/users/u42", "{\"displayName\":\"Alice\"}", "preference"),
                List.of(200, 200, 403, 403, 200, 403));
        matrix.put(new Call("GET", "/api/v1/users/u42/preferences?page=0", null, "preference"),
                List.of(200, 200, 403, 403, 200, 403));
        matrix.put(new Call("DELETE", "/api/v1/users/u42/preferences/" + someId, null, "preference"),
                List.of(200, 200, 403, 403, 200, 403));
        matrix.put(new Call("GET", "/api/v1/users/u42/spending", null, "auction"),
                List.of(200, 200, 403, 403, 200, 403));
        matrix.put(new Call("GET", "/api/v1/users", null, "preference"),
                List.of(200, 200, 403, 403, 403, 403));
        matrix.put(new Call("POST", "/api/v1/auctions/evaluate", EVALUATE, "auction"),
                List.of(200, 200, 200, 403, 403, 403));
        matrix.put(new Call("GET", "/api/v1/auctions/ex-paris/A-1", null, "auction"),
                List.of(200, 200, 200, 403, 403, 403));
        matrix.put(new Call("POST", "/api/v1/auctions/result",
                        "{\"exchange\":\"ex-paris\",\"auctionId\":\"A-1\",\"outcome\":\"LOST\"}", "auction"),
                List.of(200, 200, 403, 200, 403, 403));
        matrix.put(new Call("GET", "/api/v1/analytics/summary?groupBy=brand", null, "history"),
                List.of(200, 200, 403, 403, 403, 403));
        matrix.put(new Call("POST", "/api/v1/admin/api-keys", "{\"role\":\"BIDDER\"}", "gateway"),
                List.of(201, 201, 403, 403, 403, 403));
        matrix.put(new Call("DELETE", "/api/v1/admin/api-keys/" + someId, null, "gateway"),
                List.of(404, 404, 403, 403, 403, 403));
        List<String> keys = List.of(ADMIN_KEY, createdAdminKey, bidderKey, exchangeKey, user42Key, user7Key);
        List<String> roles = List.of("ADMIN(env)", "ADMIN", "BIDDER", "EXCHANGE", "USER u42", "USER u7");

        SoftAssertions softly = new SoftAssertions();
        matrix.forEach((call, expected) -> {
            for (int i = 0; i < keys.size(); i++) {
                HttpResponse<String> response = gateway.call(call.method(), call.path(), keys.get(i), call.body());
                String what = roles.get(i) + " " + call.method() + " " + call.path();
                softly.assertThat(response.statusCode()).as(what).isEqualTo(expected.get(i));
                if (response.statusCode() == 200 && !call.service().equals("gateway")) {
                    JsonNode echo = GatewayClient.json(response);
                    softly.assertThat(echo.get("service").asString()).as(what + " routed to").isEqualTo(call.service());
                    softly.assertThat(echo.get("uri").asString()).as(what + " path kept").isEqualTo(call.path());
                } else if (response.statusCode() >= 400) {
                    softly.assertThat(response.headers().firstValue("Content-Type")).as(what)
                            .hasValue("application/problem+json");
                }
            }
            softly.assertThat(gateway.call(call.method(), call.path(), null, call.body()).statusCode())
                    .as("no key: " + call.path()).isEqualTo(401);
            softly.assertThat(gateway.call(call.method(), call.path(), "okt_not-a-key", call.body()).statusCode())
                    .as("unknown key: " + call.path()).isEqualTo(401);
        });
        softly.assertAll();
    }

    @Test
    void authRejectionsAreCounted() {
        double unauthorized = counter("oktioneer.auth.rejections", "status", "401");
        double forbidden = counter("oktioneer.auth.rejections", "status", "403");
        assertThat(gateway.get("/api/v1/users/u42", "wrong").statusCode()).isEqualTo(401);
        assertThat(gateway.get("/api/v1/users/u42", user7Key).statusCode()).isEqualTo(403);
        assertThat(counter("oktioneer.auth.rejections", "status", "401")).isEqualTo(unauthorized + 1);
        assertThat(counter("oktioneer.auth.rejections", "status", "403")).isEqualTo(forbidden + 1);
    }

    @Test
    void routeTimeoutsLetTheEvaluateDeadlineRunOutAndNothingIsRetried() {
        List<Route> all = routes.getRoutes().collectList().block(Duration.ofSeconds(10));
        Route evaluate = all.stream().filter(route -> route.getId().equals("evaluate")).findFirst().orElseThrow();
        Object timeout = evaluate.getMetadata().get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR);
        assertThat(Long.parseLong(timeout.toString())).as("evaluate response timeout, ms").isGreaterThan(60_000);
        assertThat(all).allSatisfy(route -> assertThat(route.getFilters().toString()).doesNotContainIgnoringCase("retry"));
    }

    // ------------------------------------------------------------------ identity forwarding

    @Test
    void spoofedInternalHeadersChangeNothingAndTheRealIdentityIsForwarded() {
        HttpResponse<String> response = gateway.send(gateway.request("GET", "/api/v1/users/u42/preferences", user42Key, null)
                .header("X-Oktioneer-Role", "ADMIN")
                .header("X-Oktioneer-User-Id", "u7")
                .header("x-oktioneer-exchange", "ex-evil")
                .header("X-Oktioneer-Internal-Token", "forged")
                .header("X-Oktioneer-Key-Id", "forged-id")
                .header("X-Oktioneer-Anything", "x"));
        assertThat(response.statusCode()).isEqualTo(200);
        FakeService.Received received = PREFERENCE.last();
        assertThat(received.header(InternalHeaders.ROLE)).isEqualTo("USER");
        assertThat(received.header(InternalHeaders.USER_ID)).isEqualTo("u42");
        assertThat(received.header(InternalHeaders.EXCHANGE)).isNull();
        assertThat(received.header(InternalHeaders.INTERNAL_TOKEN)).isEqualTo(INTERNAL_TOKEN);
        assertThat(received.header(InternalHeaders.KEY_ID)).isNotEqualTo("forged-id").isNotBlank();
        assertThat(received.header("X-Oktioneer-Anything")).isNull();
        assertThat(received.header("Authorization")).as("the key never leaves the gateway").isNull();
        assertThat(received.header("traceparent")).as("W3C trace context").isNotBlank();
        assertThat(received.header(InternalHeaders.REQUEST_ID))
                .isEqualTo(response.headers().firstValue(InternalHeaders.REQUEST_ID).orElseThrow());

        // A spoofed user id does not open someone else's data.
        HttpResponse<String> other = gateway.send(gateway.request("GET", "/api/v1/users/u7", user42Key, null)
                .header("X-Oktioneer-User-Id", "u7").header("X-Oktioneer-Role", "ADMIN"));
        assertThat(other.statusCode()).isEqualTo(403);
    }

    @Test
    void exchangeIdentityIsForwardedForTheServiceToCheck() {
        // Whether the body's exchange is the key's own is the auction-service's check: the gateway forwards both.
        HttpResponse<String> response = gateway.call("POST", "/api/v1/auctions/result", exchangeKey,
                "{\"exchange\":\"ex-other\",\"auctionId\":\"A-9\",\"outcome\":\"LOST\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(AUCTION.last().header(InternalHeaders.ROLE)).isEqualTo("EXCHANGE");
        assertThat(AUCTION.last().header(InternalHeaders.EXCHANGE)).isEqualTo("ex-paris");
        assertThat(AUCTION.last().header(InternalHeaders.USER_ID)).isNull();
    }

    @Test
    void theServicesInternalTokenFilterAcceptsWhatTheGatewayForwardsAndRefusesADirectCall() throws Exception {
        assertThat(gateway.get("/api/v1/auctions/ex-paris/A-7", bidderKey).statusCode()).isEqualTo(200);
        InternalTokenFilter serviceFilter = new InternalTokenFilter(INTERNAL_TOKEN);

        MockHttpServletRequest throughGateway = new MockHttpServletRequest("GET", "/api/v1/auctions/ex-paris/A-7");
        AUCTION.last().headers().forEach((name, values) -> values.forEach(value -> throughGateway.addHeader(name, value)));
        MockFilterChain accepted = new MockFilterChain();
        MockHttpServletResponse acceptedResponse = new MockHttpServletResponse();
        serviceFilter.doFilter(throughGateway, acceptedResponse, accepted);
        assertThat(accepted.getRequest()).as("passed on to the service").isNotNull();
        assertThat(acceptedResponse.getStatus()).isEqualTo(200);

        // A client calling the service directly, even with spoofed identity headers, is refused.
        MockHttpServletRequest direct = new MockHttpServletRequest("GET", "/api/v1/auctions/ex-paris/A-7");
        direct.addHeader("Authorization", "Bearer " + bidderKey);
        direct.addHeader(InternalHeaders.ROLE, "ADMIN");
        direct.addHeader(InternalHeaders.INTERNAL_TOKEN, "forged");
        MockFilterChain refused = new MockFilterChain();
        MockHttpServletResponse refusedResponse = new MockHttpServletResponse();
        serviceFilter.doFilter(direct, refusedResponse, refused);
        assertThat(refused.getRequest()).isNull();
        assertThat(refusedResponse.getStatus()).isEqualTo(401);
    }

    @Test
    void requestIdIsKeptWhenGivenGeneratedOtherwiseAndOnEveryAnswer() {
        HttpResponse<String> given = gateway.send(gateway.request("GET", "/api/v1/users/u42", user42Key, null)
                .header("X-Request-Id", "client-req-123"));
        assertThat(given.headers().allValues("X-Request-Id")).as("one value, not the service's").containsExactly("client-req-123");
        assertThat(PREFERENCE.last().header("X-Request-Id")).isEqualTo("client-req-123");

        HttpResponse<String> generated = gateway.get("/api/v1/users/u42", user42Key);
        assertThat(generated.headers().firstValue("X-Request-Id")).get().asString().hasSize(32);

        for (HttpResponse<String> answer : List.of(gateway.get("/api/v1/users/u42", null),
                gateway.get("/nowhere", null), gateway.get("/api/v1/users/u42", user7Key))) {
            String id = answer.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(GatewayClient.json(answer).get("requestId").asString()).isEqualTo(id);
        }
    }

    @Test
    void logLinesAboutARequestCarryItsTraceAndRequestIds(CapturedOutput output) {
        // Thread locals are not restored on every reactor hop (context-propagation limited): the gateway puts
        // the observation in scope where it logs. Spring's "Completed" line and the gateway's own WARN line.
        String evaluateId = "log-evaluate-" + UUID.randomUUID();
        assertThat(gateway.send(gateway.request("POST", "/api/v1/auctions/evaluate", bidderKey, EVALUATE)
                .header("X-Request-Id", evaluateId)).statusCode()).isEqualTo(200);
        String traceId = AUCTION.last().header("traceparent").split("-")[1];
        String brokenId = "log-broken-" + UUID.randomUUID();
        assertThat(gateway.send(gateway.request("GET", "/api/v1/analytics/broken", ADMIN_KEY, null)
                .header("X-Request-Id", brokenId)).statusCode()).isEqualTo(502);

        JsonNode completed = awaitLogLine(output, evaluateId, "Completed 200");
        assertThat(completed.path("traceId").asString()).as("trace id of the forwarded traceparent").isEqualTo(traceId);
        JsonNode unreachable = awaitLogLine(output, brokenId, "Service unreachable");
        assertThat(unreachable.path("traceId").asString()).isNotBlank();
        JsonNode brokenCompleted = awaitLogLine(output, brokenId, "Completed 502");
        assertThat(brokenCompleted.path("traceId").asString()).isEqualTo(unreachable.path("traceId").asString());
    }

    /** The first ECS line whose request id is {@code requestId} and whose message contains {@code message}. */
    private static JsonNode awaitLogLine(CapturedOutput output, String requestId, String message) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (String line : output.getOut().lines().filter(line -> line.contains(requestId)).toList()) {
                JsonNode json = GatewayClient.JSON.readTree(line);
                String id = json.path("http.request.id").asString(json.path("http").path("request").path("id").asString(""));
                if (id.equals(requestId) && json.path("message").asString("").contains(message)) {
                    return json;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no log line \"" + message + "\" with http.request.id " + requestId);
            }
            pause(100);
        }
    }

    // ------------------------------------------------------------------ rate limits

    @Test
    void aBurstOverTheKeysLimitGets429WithRetryAfterAndOtherKeysAreUnaffected() {
        String limited = gateway.createKey(ADMIN_KEY,
                "{\"role\":\"USER\",\"userId\":\"u-burst\",\"rateLimit\":{\"perSecond\":1,\"burst\":3}}").get("key").asString();
        String neighbour = gateway.createKey(ADMIN_KEY, "{\"role\":\"USER\",\"userId\":\"u-burst\"}").get("key").asString();
        double rejections = counter("oktioneer.ratelimit.rejections", "role", "USER");

        List<HttpResponse<String>> burst = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            burst.add(gateway.get("/api/v1/users/u-burst/preferences", limited));
        }
        assertThat(burst.subList(0, 3)).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
        assertThat(burst.get(0).headers().firstValue("X-RateLimit-Limit")).hasValue("3");
        assertThat(burst.get(0).headers().firstValue("X-RateLimit-Remaining")).hasValue("2");
        HttpResponse<String> refused = burst.stream().filter(response -> response.statusCode() == 429).findFirst()
                .orElseThrow(() -> new AssertionError("no 429 in a burst of 10 over a bucket of 3"));
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(GatewayClient.json(refused).get("status").asInt()).isEqualTo(429);
        assertThat(counter("oktioneer.ratelimit.rejections", "role", "USER")).isGreaterThan(rejections);

        HttpResponse<String> other = gateway.get("/api/v1/users/u-burst/preferences", neighbour);
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.headers().firstValue("X-RateLimit-Limit")).as("USER default burst").hasValue("100");
    }

    @Test
    void roleDefaultsComeFromTheSettings() {
        assertThat(gateway.get("/api/v1/auctions/ex-paris/A-1", bidderKey).headers().firstValue("X-RateLimit-Limit"))
                .as("BIDDER default burst").hasValue("4000");
        HttpResponse<String> exchange = gateway.call("POST", "/api/v1/auctions/result", exchangeKey,
                "{\"exchange\":\"ex-paris\",\"auctionId\":\"A-2\",\"outcome\":\"LOST\"}");
        assertThat(exchange.headers().firstValue("X-RateLimit-Limit")).as("oktioneer.rate-limits.exchange.burst=7")
                .hasValue("7");
        assertThat(exchange.headers().firstValue("X-RateLimit-Replenish-Rate")).as("default kept").hasValue("500");
    }

    // ------------------------------------------------------------------ keys: admin API, revocation

    @Test
    void createdKeyIsShownOnceWithItsFieldsAndWorksAtOnce() {
        HttpResponse<String> response = gateway.call("POST", "/api/v1/admin/api-keys", ADMIN_KEY,
                "{\"role\":\"EXCHANGE\",\"exchange\":\"ex-lyon\",\"rateLimit\":{\"perSecond\":5,\"burst\":10},\"extra\":1}");
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode created = GatewayClient.json(response);
        assertThat(created.propertyNames()).containsExactly("id", "key", "role", "userId", "exchange", "createdAt", "rateLimit");
        assertThat(created.get("role").asString()).isEqualTo("EXCHANGE");
        assertThat(created.get("exchange").asString()).isEqualTo("ex-lyon");
        assertThat(created.get("userId").isNull()).isTrue();
        assertThat(created.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(created.get("rateLimit").get("perSecond").asLong()).isEqualTo(5);
        assertThat(created.get("rateLimit").get("burst").asLong()).isEqualTo(10);
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/admin/api-keys/" + created.get("id").asString());

        String key = created.get("key").asString();
        HttpResponse<String> used = gateway.call("POST", "/api/v1/auctions/result", key,
                "{\"exchange\":\"ex-lyon\",\"auctionId\":\"A-3\",\"outcome\":\"LOST\"}");
        assertThat(used.statusCode()).isEqualTo(200);
        assertThat(used.headers().firstValue("X-RateLimit-Limit")).hasValue("10");
        assertThat(AUCTION.last().header(InternalHeaders.KEY_ID)).isEqualTo(created.get("id").asString());

        assertThat(storedHash(created.get("id").asString())).as("only a SHA-256 is stored")
                .hasSize(64).doesNotContain(key).isNotEqualTo(key);
    }

    @Test
    void invalidKeyRequestsAreRefusedWithEveryBadField() {
        JsonNode user = GatewayClient.json(gateway.call("POST", "/api/v1/admin/api-keys", ADMIN_KEY, "{\"role\":\"USER\"}"));
        assertThat(user.get("status").asInt()).isEqualTo(400);
        assertThat(user.get("errors").get(0).get("field").asString()).isEqualTo("userId");

        HttpResponse<String> exchange = gateway.call("POST", "/api/v1/admin/api-keys", ADMIN_KEY,
                "{\"role\":\"EXCHANGE\",\"userId\":\"bad id!\",\"rateLimit\":{\"perSecond\":0,\"burst\":2.5}}");
        assertThat(exchange.statusCode()).isEqualTo(400);
        assertThat(GatewayClient.json(exchange).get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("userId", "exchange", "rateLimit.perSecond", "rateLimit.burst");

        assertThat(gateway.call("POST", "/api/v1/admin/api-keys", ADMIN_KEY,
                "{\"role\":\"EXCHANGE\",\"exchange\":\"Ex-Upper\"}").statusCode()).isEqualTo(400);
        assertThat(gateway.call("POST", "/api/v1/admin/api-keys", ADMIN_KEY, "{\"role\":\"ROOT\"}").statusCode())
                .isEqualTo(400);

        HttpResponse<String> malformed = gateway.call("POST", "/api/v1/admin/api-keys", ADMIN_KEY, "{\"role\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("at tools.");

        HttpResponse<String> noBody = gateway.send(gateway.request("POST", "/api/v1/admin/api-keys", ADMIN_KEY, null)
                .header("Content-Type", "application/json"));
        assertThat(noBody.statusCode()).isEqualTo(400);

        HttpResponse<String> text = gateway.send(gateway.request("POST", "/api/v1/admin/api-keys", ADMIN_KEY, null)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("role=BIDDER")));
        assertThat(text.statusCode()).isEqualTo(415);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnceHereAndUnknownIdsAre404() {
        JsonNode created = gateway.createKey(ADMIN_KEY, "{\"role\":\"BIDDER\"}");
        String key = created.get("key").asString();
        String id = created.get("id").asString();
        assertThat(gateway.get("/api/v1/auctions/ex/A", key).statusCode()).isEqualTo(200);

        assertThat(gateway.call("DELETE", "/api/v1/admin/api-keys/" + id, ADMIN_KEY, null).statusCode()).isEqualTo(204);
        assertThat(gateway.get("/api/v1/auctions/ex/A", key).statusCode()).isEqualTo(401);
        assertThat(gateway.call("DELETE", "/api/v1/admin/api-keys/" + id, ADMIN_KEY, null).statusCode())
                .as("revoking again").isEqualTo(204);
        assertThat(gateway.call("DELETE", "/api/v1/admin/api-keys/" + UUID.randomUUID(), ADMIN_KEY, null).statusCode())
                .isEqualTo(404);
        HttpResponse<String> notUuid = gateway.call("DELETE", "/api/v1/admin/api-keys/nope", ADMIN_KEY, null);
        assertThat(notUuid.statusCode()).isEqualTo(404);
        assertThat(GatewayClient.json(notUuid).get("detail").asString()).isEqualTo("No API key with this id.");
    }

    @Test
    void keysCreatedAndRevokedThroughAnotherReplicaTakeEffectWithinTheRefresh() throws Exception {
        // Another gateway replica writes the shared table; this one learns it on its next refresh (300 ms here,
        // 5 s by default, at most 30 s by the contract).
        String key = "okt_other-replica-" + UUID.randomUUID();
        UUID id = UUID.randomUUID();
        try (Connection db = database()) {
            PreparedStatement insert = db.prepareStatement("INSERT INTO api_keys (id, key_hash, role, user_id, created_at) "
                    + "VALUES (?, encode(sha256(convert_to(?, 'UTF8')), 'hex'), 'USER', 'u-replica', now())");
            insert.setObject(1, id);
            insert.setString(2, key);
            insert.executeUpdate();
        }
        assertThat(awaitStatus("/api/v1/users/u-replica", key, 200)).as("new key works within 30 s").isTrue();

        try (Connection db = database()) {
            PreparedStatement revoke = db.prepareStatement(
                    "UPDATE api_keys SET revoked_at = now(), updated_at = clock_timestamp() WHERE id = ?");
            revoke.setObject(1, id);
            assertThat(revoke.executeUpdate()).isEqualTo(1);
        }
        assertThat(awaitStatus("/api/v1/users/u-replica", key, 401)).as("revoked key refused within 30 s").isTrue();
    }

    private boolean awaitStatus(String path, String key, int status) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (gateway.get(path, key).statusCode() == status) {
                return true;
            }
            pause(100);
        }
        return false;
    }

    // ------------------------------------------------------------------ bodies, media types, precedence

    @Test
    void bodiesOver64KiBGet413DeclaredOrChunked() {
        String big = "{\"pad\":\"" + "x".repeat(64 * 1024) + "\"}";
        HttpResponse<String> declared = gateway.call("POST", "/api/v1/auctions/evaluate", bidderKey, big);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> chunked = gateway.send(gateway.request("POST", "/api/v1/auctions/evaluate", bidderKey, null)
                .header("Content-Type", "application/json")
                .POST(GatewayClient.chunked(big.getBytes(StandardCharsets.UTF_8))));
        assertThat(chunked.statusCode()).isEqualTo(413);

        byte[] small = EVALUATE.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> smallChunked = gateway.send(gateway.request("POST", "/api/v1/auctions/evaluate", bidderKey, null)
                .header("Content-Type", "application/json")
                .POST(GatewayClient.chunked(small)));
        assertThat(smallChunked.statusCode()).isEqualTo(200);
        assertThat(GatewayClient.json(smallChunked).get("bodyBytes").asInt()).isEqualTo(small.length);

        String exactly = "x".repeat(64 * 1024);
        assertThat(gateway.send(gateway.request("POST", "/api/v1/auctions/evaluate", bidderKey, exactly)).statusCode())
                .as("64 KiB exactly is allowed").isEqualTo(200);
    }

    @Test
    void nonJsonBodiesGet415() {
        HttpResponse<String> text = gateway.send(gateway.request("POST", "/api/v1/auctions/evaluate", bidderKey, null)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> none = gateway.send(gateway.request("PUT", "/api/v1/users/u42", user42Key, null)
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(none.statusCode()).as("a body without Content-Type").isEqualTo(415);
        HttpResponse<String> problemJson = gateway.send(gateway.request("PUT", "/api/v1/users/u42", user42Key, null)
                .header("Content-Type", "application/merge-patch+json; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(problemJson.statusCode()).as("+json types are JSON").isEqualTo(200);
    }

    @Test
    void aRequestFailingSeveralChecksGetsTheFirstOfSpecPrecedence() {
        String big = "x".repeat(70 * 1024);
        // 401 before 413, 403 and 415
        assertThat(gateway.send(gateway.request("POST", "/api/v1/admin/api-keys", null, null)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(big))).statusCode())
                .isEqualTo(401);
        // 413 before 403 and 415
        assertThat(gateway.send(gateway.request("POST", "/api/v1/admin/api-keys", user7Key, null)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(big))).statusCode())
                .isEqualTo(413);
        // 403 before 415 and 400
        assertThat(gateway.send(gateway.request("POST", "/api/v1/admin/api-keys", user7Key, null)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{"))).statusCode())
                .isEqualTo(403);
        // 415 before 400
        assertThat(gateway.send(gateway.request("POST", "/api/v1/admin/api-keys", ADMIN_KEY, null)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{"))).statusCode())
                .isEqualTo(415);
        // 429 before 413 and 403
        String oneShot = gateway.createKey(ADMIN_KEY,
                "{\"role\":\"BIDDER\",\"rateLimit\":{\"perSecond\":1,\"burst\":1}}").get("key").asString();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(gateway.send(gateway.request("POST", "/api/v1/admin/api-keys", oneShot, null)
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(big))).statusCode());
        }
        assertThat(statuses.get(0)).isEqualTo(413);
        assertThat(statuses).contains(429).containsOnly(413, 429);
    }

    // ------------------------------------------------------------------ the gateway's own errors

    @Test
    void theGatewaysOwnErrorsAreProblemsWithoutInternals() {
        HttpResponse<String> unknown = gateway.get("/nowhere", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> unknownApi = gateway.get("/api/v1/nowhere", bidderKey);
        assertThat(unknownApi.statusCode()).isEqualTo(404);
        assertThat(gateway.get("/api/v1/nowhere", null).statusCode()).as("the key first").isEqualTo(401);

        HttpResponse<String> slow = gateway.get("/api/v1/users/u42/slow", ADMIN_KEY);
        assertThat(slow.statusCode()).isEqualTo(504);
        assertThat(GatewayClient.json(slow).get("detail").asString()).isEqualTo("The service did not answer in time.");

        HttpResponse<String> broken = gateway.get("/api/v1/analytics/broken", ADMIN_KEY);
        assertThat(broken.statusCode()).isEqualTo(502);
        assertThat(broken.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        for (HttpResponse<String> answer : List.of(unknown, unknownApi, slow, broken)) {
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("127.0.0.1");
        }
    }

    @Test
    void pathsThatTheServiceWouldNormaliseDifferentlyAreRefused() throws Exception {
        for (String path : List.of("/api/v1/users/u42/../u7", "/api/v1/users/u42/%2e%2e/u7",
                "/api/v1/users/u42;x=1/../u7", "/api/v1//users/u7", "/api/v1/users/u42/./preferences")) {
            String answer = rawGet(path, user42Key);
            assertThat(answer).as(path).startsWith("HTTP/1.1 400");
            assertThat(answer).as(path).contains("application/problem+json");
        }
        assertThat(rawGet("/api/v1/users/u4%32/preferences", user42Key)).as("percent-encoded own id")
                .startsWith("HTTP/1.1 200");
        assertThat(rawGet("/api/v1/users/u7%2F..%2Fu42", user42Key)).as("an encoded slash is refused")
                .startsWith("HTTP/1.1 400");
    }

    /** A raw HTTP/1.1 GET, so no client library normalises the path first. */
    private String rawGet(String path, String key) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ------------------------------------------------------------------ OpenAPI

    @Test
    void openApiDocumentsAreServedForTheGatewayAndRoutedForTheServices() {
        HttpResponse<String> own = gateway.get("/v3/api-docs", null);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("/api/v1/admin/api-keys");
        // The gateway's own document is committed as docs/openapi/gateway.json beside the services' ones.
        OpenApiSnapshot.assertMatches("gateway", own.body(), "./mvnw -B -ntp verify -pl contracts,test-support,gateway"
                + " -Dit.test='GatewayIT#openApiDocumentsAreServedForTheGatewayAndRoutedForTheServices'"
                + " -Dfailsafe.failIfNoSpecifiedTests=false -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false");

        HttpResponse<String> preference = gateway.get("/api-docs/preference", null);
        assertThat(preference.statusCode()).isEqualTo(200);
        assertThat(GatewayClient.json(preference).get("uri").asString()).isEqualTo("/v3/api-docs");
        assertThat(PREFERENCE.last().header(InternalHeaders.INTERNAL_TOKEN)).isEqualTo(INTERNAL_TOKEN);
        assertThat(PREFERENCE.last().header(InternalHeaders.ROLE)).isNull();
        assertThat(GatewayClient.json(gateway.get("/api-docs/analytics", null)).get("service").asString())
                .isEqualTo("history");
    }

    // ------------------------------------------------------------------ helpers

    private double counter(String name, String tag, String value) {
        return meters.get(name).tag(tag, value).counter().count();
    }

    private static Connection database() throws Exception {
        ServerEndpoints servers = RealServers.get();
        return DriverManager.getConnection(servers.postgresJdbcUrl(DATABASE), servers.postgresUser(),
                servers.postgresPassword());
    }

    private static String storedHash(String id) {
        try (Connection db = database();
             PreparedStatement select = db.prepareStatement("SELECT key_hash FROM api_keys WHERE id = ?")) {
            select.setObject(1, UUID.fromString(id));
            var rows = select.executeQuery();
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
