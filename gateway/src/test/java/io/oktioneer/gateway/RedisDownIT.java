package io.oktioneer.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.PrivateServer;
import io.oktioneer.testsupport.Server;
import io.oktioneer.testsupport.SpringProperties;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Redis down (a private Redis, stopped): requests keep flowing, counted and logged; limits resume after. Runs
 * unsampled (tracing probability 0, as production samples only a share): the fail-open line still carries the
 * request's trace and request ids, and the service still gets a W3C traceparent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class RedisDownIT {

    private static final String ADMIN_KEY = "it-admin-" + UUID.randomUUID();
    private static final PrivateServer REDIS = PrivateServer.start(Server.REDIS);
    private static final FakeService AUCTION = new FakeService("auction");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SpringProperties.postgres(registry, Isolation.newPostgresDatabase("gateway_redis_down"));
        SpringProperties.redis(registry, REDIS);
        registry.add("oktioneer.security.admin-key", () -> ADMIN_KEY);
        registry.add("oktioneer.gateway.services.auction", AUCTION::url);
        registry.add("oktioneer.rate-limits.backoff", () -> "200ms");
        // The key is refused by Redis just before Redis stops; a refused key stays refused locally for the lease
        // ttl (TokenLeases), so the ttl is made shorter than stopping Redis takes: the next call meets Redis down.
        registry.add("oktioneer.rate-limits.lease-ttl", () -> "1ms");
        registry.add("management.tracing.sampling.probability", () -> "0.0");
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @AfterAll
    void stopServers() {
        REDIS.close();
        AUCTION.close();
    }

    @Test
    void requestsFlowWhileRedisIsDownAndLimitsResumeWhenItIsBack(CapturedOutput output) {
        GatewayClient gateway = new GatewayClient("http://127.0.0.1:" + port);
        gateway.awaitReady();
        String key = gateway.createKey(ADMIN_KEY, "{\"role\":\"BIDDER\",\"rateLimit\":{\"perSecond\":1,\"burst\":2}}")
                .get("key").asString();
        assertThat(firstRefusal(gateway, key)).as("Redis up: the bucket of 2 runs out").isTrue();

        REDIS.stop();
        double failedOpen = meters.get("oktioneer.ratelimit.failopen").counter().count();
        String requestIds = "down-" + UUID.randomUUID() + "-";
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = gateway.send(gateway.request("GET", "/api/v1/auctions/ex/A-" + i, key, null)
                    .header("X-Request-Id", requestIds + i));
            assertThat(response.statusCode()).as("request %d with Redis down", i).isEqualTo(200);
            assertThat(response.headers().firstValue("X-RateLimit-Limit")).isEmpty();
            assertThat(AUCTION.last().header("traceparent")).as("unsampled, still propagated").endsWith("-00");
        }
        assertThat(meters.get("oktioneer.ratelimit.failopen").counter().count()).isGreaterThanOrEqualTo(failedOpen + 10);
        JsonNode failOpenLine = output.getOut().lines().filter(line -> line.contains("Rate limiting failed open"))
                .map(GatewayClient.JSON::readTree).findFirst().orElseThrow();
        assertThat(failOpenLine.path("traceId").asString()).as("trace id of an unsampled request").hasSize(32);
        assertThat(failOpenLine.path("http.request.id").asString()).startsWith(requestIds);

        REDIS.restart();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        boolean limitedAgain = false;
        while (!limitedAgain && System.nanoTime() - deadline < 0) {
            limitedAgain = firstRefusal(gateway, key);
        }
        assertThat(limitedAgain).as("limits apply again once Redis is back").isTrue();
    }

    /** Calls until the first 429 (true) or 10 calls without one (false). */
    private static boolean firstRefusal(GatewayClient gateway, String key) {
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = gateway.get("/api/v1/auctions/ex/A", key);
            if (response.statusCode() == 429) {
                return true;
            }
            assertThat(response.statusCode()).isEqualTo(200);
        }
        return false;
    }
}
