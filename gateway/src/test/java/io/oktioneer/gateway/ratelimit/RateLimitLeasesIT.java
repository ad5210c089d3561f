package io.oktioneer.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.oktioneer.contracts.Role;
import io.oktioneer.gateway.GatewayMetrics;
import io.oktioneer.gateway.apikey.ApiKey;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.RealServers;
import io.oktioneer.testsupport.ServerEndpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Flux;

/**
 * Two gateways (two limiters, each with its own Redis connection) spend one key's bucket in the real Redis
 * through leases, both asking far more than the limit: in no second does the key get more than SPEC §6's
 * bound, the Redis bucket's own {@code burst + perSecond} with perSecond + 10 %, and most requests cost no
 * Redis call.
 */
class RateLimitLeasesIT {

    private static final Limit LIMIT = new Limit(400, 40);
    private static final long SECOND = 1_000_000_000L;
    private static final long RUN_NANOS = 3 * SECOND;

    private final List<LettuceConnectionFactory> connections = new ArrayList<>();

    @AfterEach
    void close() {
        connections.forEach(LettuceConnectionFactory::destroy);
    }

    @Test
    void twoGatewaysSharingAKeyNeverGiveItMoreThanItsLimitPlusTenPercentInAnySecond() throws Exception {
        String prefix = Isolation.uniqueId("it_leases") + ":";
        ApiKey key = new ApiKey("shared", Role.BIDDER, null, null, LIMIT);
        CountingTemplate redisA = template();
        CountingTemplate redisB = template();
        RateLimiter gatewayA = limiter(redisA, prefix);
        RateLimiter gatewayB = limiter(redisB, prefix);

        ConcurrentLinkedQueue<Long> allowedAt = new ConcurrentLinkedQueue<>();
        AtomicLong refused = new AtomicLong();
        long start = System.nanoTime();
        List<Thread> clients = new ArrayList<>();
        for (RateLimiter gateway : List.of(gatewayA, gatewayB, gatewayA, gatewayB)) {
            clients.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() - start < RUN_NANOS) {
                    RateLimitOutcome outcome = gateway.take(key, "r").block(Duration.ofSeconds(10));
                    assertThat(outcome.failedOpen()).as("Redis answered every call").isFalse();
                    if (outcome.allowed()) {
                        allowedAt.add(System.nanoTime());
                    } else {
                        refused.incrementAndGet();
                    }
                    LockSupport.parkNanos(200_000); // ~5,000 asks/s per client: far over the limit, gentle on the CPU
                }
            }));
        }
        for (Thread client : clients) {
            client.join();
        }

        long[] times = allowedAt.stream().mapToLong(Long::longValue).sorted().toArray();
        long bound = LIMIT.burst() + LIMIT.perSecond() * 11 / 10;
        System.out.printf("leases: %d allowed, %d refused, most in one second %d (bound %d), Redis calls %d + %d%n",
                times.length, refused.get(), maxInAnySecond(times), bound, redisA.calls.get(), redisB.calls.get());
        assertThat((long) maxInAnySecond(times)).as("allowed in any 1 s window (bound %d)", bound).isLessThanOrEqualTo(bound);
        assertThat(refused.get()).as("the clients asked for more than the limit").isPositive();
        assertThat((long) times.length).as("the limit was used, not starved by leases")
                .isGreaterThan(LIMIT.perSecond() * 2);
        long redisCalls = redisA.calls.get() + redisB.calls.get();
        assertThat(redisCalls).as("Redis calls for %d allowed and %d refused requests", times.length, refused.get())
                .isLessThan((times.length + refused.get()) / 4);
        assertThat(redisA.calls.get()).isPositive();
        assertThat(redisB.calls.get()).isPositive();
    }

    /** The most timestamps in any window {@code [t, t + 1 s)} starting at one of them. */
    private static int maxInAnySecond(long[] sorted) {
        int max = 0;
        int end = 0;
        for (int begin = 0; begin < sorted.length; begin++) {
            while (end < sorted.length && sorted[end] - sorted[begin] < SECOND) {
                end++;
            }
            max = Math.max(max, end - begin);
        }
        return max;
    }

    private RateLimiter limiter(ReactiveStringRedisTemplate redis, String prefix) {
        RateLimiter limiter = new RateLimiter(redis, new GatewayMetrics(new SimpleMeterRegistry()),
                RateLimitPropertiesTest.bind(Map.of("OKTIONEER_RATELIMITS_KEYPREFIX", prefix)));
        limiter.warmUp();
        return limiter;
    }

    private CountingTemplate template() {
        ServerEndpoints servers = RealServers.get();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(servers.redisHost(), servers.redisPort()),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(3)).build());
        factory.afterPropertiesSet();
        factory.start();
        connections.add(factory);
        return new CountingTemplate(factory);
    }

    /** The real template, counting its script calls. */
    private static final class CountingTemplate extends ReactiveStringRedisTemplate {

        final AtomicLong calls = new AtomicLong();

        CountingTemplate(LettuceConnectionFactory factory) {
            super(factory);
        }

        @Override
        public <T> Flux<T> execute(RedisScript<T> script, List<String> keys, List<?> args) {
            calls.incrementAndGet();
            return super.execute(script, keys, args);
        }
    }
}
