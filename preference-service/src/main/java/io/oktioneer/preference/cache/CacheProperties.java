package io.oktioneer.preference.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Redis preference cache: entry TTL ({@code oktioneer.cache.preference-ttl}, SPEC §8), key prefix (tests
 * isolate with it), how long to leave a failing Redis alone before trying it again, and how long a user's
 * cache generation is kept.
 */
@ConfigurationProperties("oktioneer.cache")
public record CacheProperties(@DefaultValue("5m") Duration preferenceTtl,
                              @DefaultValue("oktioneer:preference:") String keyPrefix,
                              @DefaultValue("1s") Duration redisRetryInterval,
                              @DefaultValue("24h") Duration generationTtl) {
}
