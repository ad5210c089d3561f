package io.oktioneer.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.oktioneer.contracts.Role;
import io.oktioneer.gateway.GatewayMetrics;
import io.oktioneer.gateway.apikey.ApiKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Flux;

/** The fail-open logic around Redis (Redis itself is exercised by GatewayIT and RedisDownIT). */
class RateLimiterTest {

    private static final ApiKey KEY = new ApiKey("k1", Role.USER, "u1", null, null);

    private final ReactiveStringRedisTemplate redis = mock(ReactiveStringRedisTemplate.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RateLimiter limiter = new RateLimiter(redis, new GatewayMetrics(meters),
            RateLimitPropertiesTest.bind(Map.of("OKTIONEER_RATELIMITS_KEYPREFIX", "p:", "OKTIONEER_RATELIMITS_BACKOFF", "1h")));

    @SuppressWarnings("unchecked")
    private void redisAnswers(Flux<?> answer) {
        when(redis.execute(any(RedisScript.class), anyList(), anyList())).thenReturn((Flux) answer);
    }

    @Test
    void usesTheBucketOnceRedisAnswered() {
        redisAnswers(Flux.just(List.of(1L, 99L, 0L)));
        limiter.warmUp();
        RateLimitOutcome outcome = limiter.take(KEY, "r1").block();
        assertThat(outcome).isEqualTo(new RateLimitOutcome(true, new Limit(20, 100), 99, 0));

        redisAnswers(Flux.just(List.of(0L, 0L, 1_500_000L)));
        assertThat(limiter.take(KEY, "r2").block()).isEqualTo(new RateLimitOutcome(false, new Limit(20, 100), 0, 2));
    }

    @Test
    void failsOpenCountedAndSkipsRedisDuringTheBackoff() {
        redisAnswers(Flux.just(List.of(1L, 99L, 0L)));
        limiter.warmUp();
        redisAnswers(Flux.error(new RedisConnectionFailureException("down")));

        assertThat(limiter.take(KEY, "r1").block()).isEqualTo(RateLimitOutcome.FAILED_OPEN);
        assertThat(limiter.take(KEY, "r2").block()).isEqualTo(RateLimitOutcome.FAILED_OPEN);
        assertThat(limiter.take(KEY, "r3").block()).isEqualTo(RateLimitOutcome.FAILED_OPEN);
        verify(redis, times(2)).execute(any(RedisScript.class), anyList(), anyList()); // warm-up + first failure
        assertThat(meters.get("oktioneer.ratelimit.failopen").counter().count()).isEqualTo(3);
    }

    @Test
    void untilRedisFirstAnswersOneRequestAtATimeProbesIt() {
        redisAnswers(Flux.error(new RedisConnectionFailureException("down at start")));
        limiter.warmUp();
        redisAnswers(Flux.just(List.of(1L, 5L, 0L)));
        // Backoff not started yet (no failure seen by a request): the first request probes and succeeds.
        assertThat(limiter.take(KEY, "r1").block().failedOpen()).isFalse();
        assertThat(limiter.take(KEY, "r2").block().failedOpen()).isFalse();
    }
}
