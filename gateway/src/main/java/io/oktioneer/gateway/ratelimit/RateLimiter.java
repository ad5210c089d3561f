package io.oktioneer.gateway.ratelimit;

import io.oktioneer.contracts.Role;
import io.oktioneer.gateway.GatewayMetrics;
import io.oktioneer.gateway.RequestScope;
import io.oktioneer.gateway.apikey.ApiKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import reactor.util.context.ContextView;

/**
 * Per-key token buckets in Redis, spent through local leases ({@link TokenLeases}): a request takes a token of
 * the key's live lease when this gateway holds one, else one script call (one round trip) takes a lease of one
 * or more tokens from the key's bucket. When Redis fails or is slow (Lettuce's short command timeout, commands
 * refused while disconnected) the request goes through: the gateway fails open, counts it and logs it (at most
 * every 10 s), and skips Redis for {@code backoff} so an outage adds no latency to every request; then a single
 * request probes it (off the event loop) until it answers again.
 */
@Component
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(5);
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(10).toNanos();
    /** The script's text read once: a script of a resource re-checks the resource on every call. */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SCRIPT = RedisScript.of(script(), List.class);

    private final ReactiveStringRedisTemplate redis;
    private final GatewayMetrics metrics;
    private final String keyPrefix;
    private final long backoffNanos;
    private final TokenLeases leases;
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

    RateLimiter(ReactiveStringRedisTemplate redis, GatewayMetrics metrics, RateLimitProperties limits) {
        this.redis = redis;
        this.metrics = metrics;
        this.keyPrefix = limits.keyPrefix();
        this.backoffNanos = limits.backoff().toNanos();
        this.leases = new TokenLeases(limits.leaseTtl());
        for (Role role : Role.values()) {
            roleLimits.put(role, limits.forRole(role));
        }
    }

    private static String script() {
        try {
            return new ClassPathResource("ratelimit/token_bucket.lua").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Connects to Redis and loads the script before the first request, so that request does not pay for it
     * (and, on a cold JVM, does not fail open for it). Failures are left to the requests' fail-open path.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        try {
            redis.execute(SCRIPT, List.of(keyPrefix + "warm-up"), List.of("1", "1", "1")).blockLast(WARM_UP_TIMEOUT);
            degraded = false;
        } catch (RuntimeException e) {
            log.warn("Redis not reachable at start; rate limits fail open until it is: {}", e.toString());
        }
    }

    public Limit limitOf(ApiKey key) {
        return key.rateLimit() != null ? key.rateLimit() : roleLimits.get(key.role());
    }

    /**
     * Takes one token of the key: from this gateway's lease when it holds one, else from Redis. Never fails:
     * Redis trouble gives {@link RateLimitOutcome#FAILED_OPEN}.
     */
    public Mono<RateLimitOutcome> take(ApiKey key, String requestId) {
        Limit limit = limitOf(key);
        TokenLeases.Lease lease = leases.of(key.id());
        long now = System.nanoTime();
        switch (lease.take(now)) {
            case TAKEN -> {
                return Mono.just(new RateLimitOutcome(true, limit, lease.remaining(now), 0));
            }
            case REFUSED -> {
                return Mono.just(new RateLimitOutcome(false, limit, 0, retryAfterSeconds(lease.refusedForNanos(now))));
            }
            case ASK -> {
                // below
            }
        }
        if (!degraded) {
            return call(key, limit, lease, now, requestId);
        }
        // After a failure: skip Redis for the backoff, then let one request probe it. The probe runs off the
        // event loop because (re)creating the shared Lettuce connection blocks until it connects or times out.
        if (now - skipRedisUntil < 0 || !probing.compareAndSet(false, true)) {
            return Mono.deferContextual(context -> Mono.just(failOpen(null, requestId, context)));
        }
        return call(key, limit, lease, now, requestId)
                .subscribeOn(Schedulers.boundedElastic())
                .doFinally(signal -> probing.set(false));
    }

    private Mono<RateLimitOutcome> call(ApiKey key, Limit limit, TokenLeases.Lease lease, long askedAt,
            String requestId) {
        long wanted = lease.sizeToAsk(limit, askedAt);
        return redis.execute(SCRIPT, List.of(keyPrefix + key.id()),
                        List.of(Long.toString(limit.perSecond()), Long.toString(limit.burst()), Long.toString(wanted)))
                .next()
                .map(result -> {
                    degraded = false;
                    return outcome(limit, lease, askedAt, result);
                })
                .switchIfEmpty(Mono.deferContextual(context ->
                        Mono.just(failOpen(new IllegalStateException("no reply"), requestId, context))))
                .onErrorResume(error -> {
                    skipRedisUntil = System.nanoTime() + backoffNanos;
                    degraded = true;
                    return Mono.deferContextual(context -> Mono.just(failOpen(error, requestId, context)));
                });
    }

    private static RateLimitOutcome outcome(Limit limit, TokenLeases.Lease lease, long askedAt, List<?> result) {
        long granted = number(result.get(0));
        long remaining = number(result.get(1));
        long now = System.nanoTime();
        if (granted >= 1) {
            lease.granted(granted, remaining, askedAt, now);
            return new RateLimitOutcome(true, limit, lease.remaining(now), 0);
        }
        lease.refused(now);
        return new RateLimitOutcome(false, limit, 0, retryAfterSeconds(number(result.get(2)) * 1_000));
    }

    /** Whole seconds, at least 1. */
    private static long retryAfterSeconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999) / 1_000_000_000);
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
    }

    private RateLimitOutcome failOpen(Throwable error, String requestId, ContextView context) {
        metrics.rateLimitFailedOpen();
        long suppressed = failedOpenSinceLog.incrementAndGet();
        long now = System.nanoTime();
        long logAt = nextLogAt.get();
        if ((logAt == Long.MIN_VALUE || now - logAt >= 0) && nextLogAt.compareAndSet(logAt, now + LOG_EVERY_NANOS)) {
            failedOpenSinceLog.addAndGet(-suppressed);
            RequestScope.log(context, () -> log.atWarn().addKeyValue("request.id", requestId)
                    .log("Rate limiting failed open: Redis unavailable ({}); {} request(s) let through unlimited "
                            + "since the last report", error == null ? "skipped after a recent failure" : error,
                            suppressed));
        }
        return RateLimitOutcome.FAILED_OPEN;
    }
}
