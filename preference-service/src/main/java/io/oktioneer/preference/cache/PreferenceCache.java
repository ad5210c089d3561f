package io.oktioneer.preference.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Read-through Redis cache of a user's preferences (pages and single preferences), invalidated on every write.
 *
 * <p>Each user has a <em>generation</em> key holding a random token, and every cached entry of the user lives
 * under the current token. A write, after its commit, replaces the token: all the user's entries become
 * unreachable at once, and a reader that loaded the old state from PostgreSQL before the commit fills it under
 * the old token, where nobody looks any more (the classic evict-then-stale-refill race cannot serve stale
 * data). Entries expire after {@code preference-ttl}.
 *
 * <p>Redis is optional: any Redis error counts as {@code result=error}, the read goes to PostgreSQL, and Redis
 * is left alone for {@code redis-retry-interval}. A write whose invalidation fails keeps its user in a local
 * pending set, retried until it succeeds; meanwhile this instance reads that user from PostgreSQL.
 */
@Component
public class PreferenceCache {

    public static final String SINGLE = "preference";
    public static final String PAGE = "preference_page";

    private static final Logger log = LoggerFactory.getLogger(PreferenceCache.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final CacheProperties properties;
    private final Map<String, Map<String, Counter>> counters = new ConcurrentHashMap<>();
    private final Set<String> pendingInvalidations = ConcurrentHashMap.newKeySet();
    /** {@link System#nanoTime()} before which Redis is not tried again. */
    private volatile long redisRetryAt = System.nanoTime();

    PreferenceCache(StringRedisTemplate redis, JsonMapper json, CacheProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.properties = properties;
        for (String cache : new String[] {SINGLE, PAGE}) {
            Map<String, Counter> byResult = new ConcurrentHashMap<>();
            for (String result : new String[] {"hit", "miss", "error"}) {
                byResult.put(result, Counter.builder("oktioneer.cache.requests").tag("cache", cache)
                        .tag("result", result).description("Preference cache lookups").register(meters));
            }
            counters.put(cache, byResult);
        }
    }

    /** Opens the Redis connection before the first request needs it (a cold first connect is slow). */
    @EventListener(ApplicationReadyEvent.class)
    void connect() {
        Thread.ofVirtual().name("redis-warmup").start(() -> {
            try {
                redis.hasKey(properties.keyPrefix() + "warmup");
            } catch (RuntimeException e) {
                log.warn("Redis not reachable at start; preference reads go to PostgreSQL until it is: {}", e.toString());
            }
        });
    }

    /**
     * The cached value of {@code entry} for the user, or {@code loader}'s (then cached). A loader that throws
     * (e.g. not found) caches nothing.
     */
    public <T> T read(String cache, String userId, String entry, Class<T> type, Supplier<T> loader) {
        if (redisResting() || pendingInvalidations.contains(userId)) {
            count(cache, "error");
            return loader.get();
        }
        String key;
        try {
            key = entryKey(userId, currentGeneration(userId), entry);
            String cached = redis.opsForValue().get(key);
            if (cached != null) {
                T value = json.readValue(cached, type);
                count(cache, "hit");
                return value;
            }
        } catch (RuntimeException e) {
            redisFailed(e);
            count(cache, "error");
            return loader.get();
        }
        count(cache, "miss");
        T value = loader.get();
        try {
            redis.opsForValue().set(key, json.writeValueAsString(value), properties.preferenceTtl());
        } catch (RuntimeException e) {
            redisFailed(e);
        }
        return value;
    }

    /** Makes every cached entry of the user unreachable; call after the write committed. */
    public void invalidateUser(String userId) {
        if (redisResting() || !replaceGeneration(userId)) {
            pendingInvalidations.add(userId);
        }
    }

    @Scheduled(fixedDelayString = "${oktioneer.cache.invalidation-retry-millis}")
    void retryPendingInvalidations() {
        for (String userId : pendingInvalidations) {
            if (redisResting()) {
                return;
            }
            if (replaceGeneration(userId)) {
                pendingInvalidations.remove(userId);
            }
        }
    }

    private boolean replaceGeneration(String userId) {
        try {
            redis.opsForValue().set(generationKey(userId), newGeneration(), properties.generationTtl());
            return true;
        } catch (RuntimeException e) {
            redisFailed(e);
            return false;
        }
    }

    private String currentGeneration(String userId) {
        String key = generationKey(userId);
        String generation = redis.opsForValue().get(key);
        if (generation != null) {
            return generation;
        }
        // First reader since the last write or expiry: create it before loading, so a write that commits after our
        // load replaces it and our fill is never seen.
        String created = newGeneration();
        Boolean set = redis.opsForValue().setIfAbsent(key, created, properties.generationTtl());
        if (Boolean.TRUE.equals(set)) {
            return created;
        }
        String winner = redis.opsForValue().get(key);
        if (winner == null) {
            throw new IllegalStateException("cache generation of " + userId + " vanished");
        }
        return winner;
    }

    private String generationKey(String userId) {
        // The hash tag keeps all of one user's keys in one Redis Cluster slot.
        return properties.keyPrefix() + "{" + userId + "}:gen";
    }

    private String entryKey(String userId, String generation, String entry) {
        return properties.keyPrefix() + "{" + userId + "}:" + generation + ":" + entry;
    }

    private static String newGeneration() {
        return UUID.randomUUID().toString();
    }

    private boolean redisResting() {
        return System.nanoTime() - redisRetryAt < 0;
    }

    private void redisFailed(RuntimeException e) {
        Duration rest = properties.redisRetryInterval();
        redisRetryAt = System.nanoTime() + rest.toNanos();
        log.warn("Redis unavailable, reading from PostgreSQL for {}: {}", rest, e.toString());
    }

    private void count(String cache, String result) {
        counters.get(cache).get(result).increment();
    }
}
