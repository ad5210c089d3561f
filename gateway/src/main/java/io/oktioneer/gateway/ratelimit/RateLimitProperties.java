package io.oktioneer.gateway.ratelimit;

import io.oktioneer.contracts.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Default token buckets per role ({@code oktioneer.rate-limits.<role>.per-second|burst}); a key's own
 * {@code rateLimit} overrides its role's. Each value left unset keeps its default.
 */
@ConfigurationProperties("oktioneer.rate-limits")
public record RateLimitProperties(Setting admin, Setting bidder, Setting exchange, Setting user) {

    public record Setting(Long perSecond, Long burst) {

        Limit orDefaults(long defaultPerSecond, long defaultBurst) {
            return new Limit(perSecond == null ? defaultPerSecond : perSecond, burst == null ? defaultBurst : burst);
        }
    }

    public Limit forRole(Role role) {
        return switch (role) {
            case ADMIN -> orDefaults(admin, 500, 1000);
            case BIDDER -> orDefaults(bidder, 2000, 4000);
            case EXCHANGE -> orDefaults(exchange, 500, 1000);
            case USER -> orDefaults(user, 20, 100);
        };
    }

    private static Limit orDefaults(Setting setting, long perSecond, long burst) {
        return setting == null ? new Limit(perSecond, burst) : setting.orDefaults(perSecond, burst);
    }
}
