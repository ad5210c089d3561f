package io.oktioneer.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.oktioneer.contracts.Role;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The gateway's counters of docs/metrics.md, registered at start so every query returns data. */
@Component
public class GatewayMetrics {

    private final Map<Role, Counter> rateLimitRejections = new EnumMap<>(Role.class);
    private final Counter failOpen;
    private final Counter unauthorized;
    private final Counter forbidden;

    public GatewayMetrics(MeterRegistry registry) {
        for (Role role : Role.values()) {
            rateLimitRejections.put(role, Counter.builder("oktioneer.ratelimit.rejections")
                    .description("Requests refused with 429 by the per-key token bucket")
                    .tag("role", role.name()).register(registry));
        }
        failOpen = Counter.builder("oktioneer.ratelimit.failopen")
                .description("Requests let through without a rate limit because Redis was unavailable")
                .register(registry);
        unauthorized = authRejections(registry, "401");
        forbidden = authRejections(registry, "403");
    }

    private static Counter authRejections(MeterRegistry registry, String status) {
        return Counter.builder("oktioneer.auth.rejections")
                .description("Requests refused for a missing or bad key (401) or a wrong role or owner (403)")
                .tag("status", status).register(registry);
    }

    public void rateLimitRejected(Role role) {
        rateLimitRejections.get(role).increment();
    }

    public void rateLimitFailedOpen() {
        failOpen.increment();
    }

    public void unauthorized() {
        unauthorized.increment();
    }

    public void forbidden() {
        forbidden.increment();
    }
}
