package io.oktioneer.gateway.balancing;

import io.oktioneer.gateway.FakeService;
import io.oktioneer.gateway.GatewayClient;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.SpringProperties;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The gateway of a balancing test: real PostgreSQL and Redis, the auction-service as two stub instances. */
final class TwoInstances {

    private TwoInstances() {
    }

    /** The settings: the auction route over {@code a} and {@code b} (comma-separated, as ./oktioneer passes it). */
    static void register(DynamicPropertyRegistry registry, String name, String adminKey, StubInstance a,
                         StubInstance b, FakeService others) {
        SpringProperties.postgres(registry, Isolation.newPostgresDatabase("gateway_" + name));
        SpringProperties.redis(registry);
        registry.add("oktioneer.security.admin-key", () -> adminKey);
        registry.add("oktioneer.rate-limits.key-prefix", () -> Isolation.uniqueId("it_" + name) + ":");
        registry.add("oktioneer.gateway.services.auction", () -> a.url() + "," + b.url());
        registry.add("oktioneer.gateway.services.preference", others::url);
        registry.add("oktioneer.gateway.services.history", others::url);
        registry.add("oktioneer.gateway.health.engine", others::url);
    }

    /** The gateway on {@code port}, once it serves keys. */
    static GatewayClient gateway(int port) {
        GatewayClient gateway = new GatewayClient("http://127.0.0.1:" + port);
        gateway.awaitReady();
        return gateway;
    }

    /** A new BIDDER key. */
    static String bidderKey(GatewayClient gateway, String adminKey) {
        return gateway.createKey(adminKey, "{\"role\":\"BIDDER\"}").get("key").asString();
    }
}
