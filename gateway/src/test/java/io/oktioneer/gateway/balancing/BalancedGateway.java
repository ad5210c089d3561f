package io.oktioneer.gateway.balancing;

import io.oktioneer.gateway.FakeService;
import io.oktioneer.gateway.GatewayClient;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.SpringProperties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The gateway of a balancing test: real PostgreSQL and Redis, the auction-service as two stub instances (each
 * test class registers its own with {@link #register}), a BIDDER key once the gateway serves keys.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BalancedGateway {

    static final String ADMIN_KEY = "it-admin-" + UUID.randomUUID();
    static final String EVALUATE = "/api/v1/auctions/evaluate";

    @LocalServerPort
    int port;

    GatewayClient gateway;
    String bidderKey;

    /** The settings: the auction route over {@code a} and {@code b} (comma-separated, as ./oktioneer passes it). */
    static void register(DynamicPropertyRegistry registry, String name, StubInstance a, StubInstance b,
                         FakeService others) {
        SpringProperties.postgres(registry, Isolation.newPostgresDatabase("gateway_" + name));
        SpringProperties.redis(registry);
        registry.add("oktioneer.security.admin-key", () -> ADMIN_KEY);
        registry.add("oktioneer.rate-limits.key-prefix", () -> Isolation.uniqueId("it_" + name) + ":");
        registry.add("oktioneer.gateway.services.auction", () -> a.url() + "," + b.url());
        registry.add("oktioneer.gateway.services.preference", others::url);
        registry.add("oktioneer.gateway.services.history", others::url);
        registry.add("oktioneer.gateway.health.engine", others::url);
    }

    @BeforeAll
    void key() {
        gateway = new GatewayClient("http://127.0.0.1:" + port);
        gateway.awaitReady();
        bidderKey = gateway.createKey(ADMIN_KEY, "{\"role\":\"BIDDER\"}").get("key").asString();
    }
}
