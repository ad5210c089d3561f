package io.oktioneer.preference.cache;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Redis preference cache ({@code oktioneer.cache.*}).
 *
 * <p>Defaults: the service's application.yml (the one place; deploy-checks compares deployments against it).
 *
 * @param preferenceTtl      entry TTL (SPEC §8)
 * @param keyPrefix          Redis key prefix (tests isolate with it)
 * @param redisRetryInterval how long to leave a failing Redis alone before trying it again
 * @param generationTtl      how long a user's cache generation is kept
 */
@ConfigurationProperties("oktioneer.cache")
public record CacheProperties(Duration preferenceTtl, String keyPrefix, Duration redisRetryInterval,
                              Duration generationTtl) {

    public CacheProperties {
        Objects.requireNonNull(preferenceTtl, "oktioneer.cache.preference-ttl");
        Objects.requireNonNull(keyPrefix, "oktioneer.cache.key-prefix");
        Objects.requireNonNull(redisRetryInterval, "oktioneer.cache.redis-retry-interval");
        Objects.requireNonNull(generationTtl, "oktioneer.cache.generation-ttl");
    }
}
