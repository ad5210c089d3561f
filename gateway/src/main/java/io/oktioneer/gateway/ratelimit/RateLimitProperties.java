package io.oktioneer.gateway.ratelimit;

import io.oktioneer.contracts.Role;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The rate limits ({@code oktioneer.rate-limits.*}, SPEC §6 and §8): the default token bucket of each role
 * ({@code <role>.per-second|burst}; a key's own {@code rateLimit} overrides its role's) and how the buckets are
 * kept in Redis.
 *
 * <p>Defaults: the service's application.yml (the one place; deploy-checks compares deployments against it).
 * Each value can be set on its own (e.g. {@code OKTIONEER_RATELIMITS_BIDDER_BURST}); the others keep theirs.
 *
 * @param keyPrefix Redis bucket key prefix (+ key id)
 * @param backoff   how long to skip Redis after it failed (fail open)
 * @param leaseTtl  how long tokens leased from a bucket stay spendable (at most 100 ms: the limit + 10 % bound)
 */
@ConfigurationProperties("oktioneer.rate-limits")
public record RateLimitProperties(String keyPrefix, Duration backoff, Duration leaseTtl,
                                  Limit admin, Limit bidder, Limit exchange, Limit user) {

    public RateLimitProperties {
        Objects.requireNonNull(keyPrefix, "oktioneer.rate-limits.key-prefix");
        Objects.requireNonNull(backoff, "oktioneer.rate-limits.backoff");
        Objects.requireNonNull(leaseTtl, "oktioneer.rate-limits.lease-ttl");
        Objects.requireNonNull(admin, "oktioneer.rate-limits.admin");
        Objects.requireNonNull(bidder, "oktioneer.rate-limits.bidder");
        Objects.requireNonNull(exchange, "oktioneer.rate-limits.exchange");
        Objects.requireNonNull(user, "oktioneer.rate-limits.user");
    }

    public Limit forRole(Role role) {
        return switch (role) {
            case ADMIN -> admin;
            case BIDDER -> bidder;
            case EXCHANGE -> exchange;
            case USER -> user;
        };
    }
}
