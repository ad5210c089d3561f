package io.oktioneer.gateway.ratelimit;

import io.oktioneer.contracts.Role;
import io.oktioneer.gateway.GatewayMetrics;
import io.oktioneer.gateway.GatewayProperties;
import io.oktioneer.gateway.apikey.ApiKey;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Per-key token buckets in Redis: one script call (one round trip) per request. When Redis fails or is slow
 * (Lettuce's short command timeout, commands refused while disconnected) the request goes through: the
 * gateway fails open, counts it and logs it (at most every 10 s), and skips Redis for {@code backoff} so an
 * outage adds no latency to every request; then a single request probes it (off the event loop) until it
 * answers again.
 */
@Component
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(5);
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(10).toNanos();
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SCRIPT =
            RedisScript.of(new ClassPathResource("ratelimit/token_bucket.lua"), List.class);

    private final ReactiveStringRedisTemplate redis;
    private final GatewayMetrics metrics;
    private final String keyPrefix;
    private final long backoffNanos;
    private final Map<Role, Limit> roleLimits = new EnumMap<>(Role.class);
    private volatile long skipRedisUntil = System.nanoTime();
    /**
     * True until Redis answered (at start) and after it failed, until it answers again: meanwhile calls are
     * skipped (failing open) and one at a time probes it.
     */
    private volatile boolean degraded = true;
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicLong nextLogAt = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong failedOpenSinceLog = new AtomicLong();

    RateLimiter(ReactiveStringRedisTemplate redis, GatewayMetrics metrics, GatewayProperties properties,
            RateLimitProperties limits) {
        this.redis = redis;
        this.metrics = metrics;
        this.keyPrefix = properties.rateLimit().keyPrefix();
        this.backoffNanos = properties.rateLimit().backoff().toNanos();
        for (Role role : Role.values()) {
            roleLimits.put(role, limits.forRole(role));
        }
    }

    /**
     * Connects to Redis and loads the script before the first request, so that request does not pay for it
     * (and, on a cold JVM, does not fail open for it). Failures are left to the requests' fail-open path.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        try {
            redis.execute(SCRIPT, List.of(keyPrefix + "warm-up"), List.of("1", "1")).blockLast(WARM_UP_TIMEOUT);
            degraded = false;
        } catch (RuntimeException e) {
            log.warn("Redis not reachable at start; rate limits fail open until it is: {}", e.toString());
        }
    }

    public Limit limitOf(ApiKey key) {
        return key.rateLimit() != null ? key.rateLimit() : roleLimits.get(key.role());
    }

    /** Takes one token from the key's bucket. Never fails: Redis trouble gives {@link RateLimitOutcome#FAILED_OPEN}. */
    public Mono<RateLimitOutcome> take(ApiKey key, String requestId) {
        if (!degraded) {
            return call(key, requestId);
        }
        // After a failure: skip Redis for the backoff, then let one request probe it. The probe runs off the
        // event loop because (re)creating the shared Lettuce connection blocks until it connects or times out.
        if (System.nanoTime() - skipRedisUntil < 0 || !probing.compareAndSet(false, true)) {
            return Mono.just(failOpen(null, requestId));
        }
        return call(key, requestId)
                .subscribeOn(Schedulers.boundedElastic())
                .doFinally(signal -> probing.set(false));
    }

    private Mono<RateLimitOutcome> call(ApiKey key, String requestId) {
        Limit limit = limitOf(key);
        return redis.execute(SCRIPT, List.of(keyPrefix + key.id()),
                        List.of(Long.toString(limit.perSecond()), Long.toString(limit.burst())))
                .next()
                .map(result -> {
                    degraded = false;
                    return outcome(limit, result);
                })
                .switchIfEmpty(Mono.fromSupplier(() -> failOpen(new IllegalStateException("no reply"), requestId)))
                .onErrorResume(error -> {
                    skipRedisUntil = System.nanoTime() + backoffNanos;
                    degraded = true;
                    return Mono.just(failOpen(error, requestId));
                });
    }

    private RateLimitOutcome outcome(Limit limit, List<?> result) {
        boolean allowed = number(result.get(0)) == 1;
        long remaining = number(result.get(1));
        long waitMicros = number(result.get(2));
        long retryAfter = allowed ? 0 : Math.max(1, (waitMicros + 999_999) / 1_000_000);
        return new RateLimitOutcome(allowed, limit, remaining, retryAfter);
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
    }

    private RateLimitOutcome failOpen(Throwable error, String requestId) {
        metrics.rateLimitFailedOpen();
        long suppressed = failedOpenSinceLog.incrementAndGet();
        long now = System.nanoTime();
        long logAt = nextLogAt.get();
        if ((logAt == Long.MIN_VALUE || now - logAt >= 0) && nextLogAt.compareAndSet(logAt, now + LOG_EVERY_NANOS)) {
            failedOpenSinceLog.addAndGet(-suppressed);
            log.atWarn().addKeyValue("request.id", requestId)
                    .log("Rate limiting failed open: Redis unavailable ({}); {} request(s) let through unlimited "
                            + "since the last report", error == null ? "skipped after a recent failure" : error,
                            suppressed);
        }
        return RateLimitOutcome.FAILED_OPEN;
    }
}
