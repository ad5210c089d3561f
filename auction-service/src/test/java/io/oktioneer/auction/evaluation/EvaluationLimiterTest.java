package io.oktioneer.auction.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class EvaluationLimiterTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void admitsUpToTheLimitAndAgainOnceOneLeaves() {
        EvaluationLimiter limiter = new EvaluationLimiter(2, meters);
        assertThat(limiter.tryEnter()).isTrue();
        assertThat(limiter.tryEnter()).isTrue();
        assertThat(limiter.inFlight()).isEqualTo(2);
        assertThat(limiter.tryEnter()).as("third at once").isFalse();
        limiter.exit();
        assertThat(limiter.inFlight()).isEqualTo(1);
        assertThat(limiter.tryEnter()).isTrue();
    }

    @Test
    void exportsTheBulkheadsMeters() {
        EvaluationLimiter limiter = new EvaluationLimiter(3, meters);
        limiter.tryEnter();

        assertThat(meters.get("resilience4j.bulkhead.max.allowed.concurrent.calls").tag("name", "evaluate").gauge()
                .value()).isEqualTo(3);
        assertThat(meters.get("resilience4j.bulkhead.available.concurrent.calls").tag("name", "evaluate").gauge()
                .value()).isEqualTo(2);
    }

    @Test
    void refusesANonPositiveLimit() {
        assertThatThrownBy(() -> new EvaluationLimiter(0, meters)).isInstanceOf(IllegalArgumentException.class);
    }
}
