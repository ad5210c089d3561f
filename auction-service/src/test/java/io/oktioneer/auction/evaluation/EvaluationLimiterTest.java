package io.oktioneer.auction.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EvaluationLimiterTest {

    @Test
    void admitsUpToTheLimitAndAgainOnceOneLeaves() {
        EvaluationLimiter limiter = new EvaluationLimiter(2);
        assertThat(limiter.tryEnter()).isTrue();
        assertThat(limiter.tryEnter()).isTrue();
        assertThat(limiter.inFlight()).isEqualTo(2);
        assertThat(limiter.tryEnter()).as("third at once").isFalse();
        limiter.exit();
        assertThat(limiter.inFlight()).isEqualTo(1);
        assertThat(limiter.tryEnter()).isTrue();
    }

    @Test
    void refusesANonPositiveLimit() {
        assertThatThrownBy(() -> new EvaluationLimiter(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
