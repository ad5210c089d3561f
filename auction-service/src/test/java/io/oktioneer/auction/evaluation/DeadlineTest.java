package io.oktioneer.auction.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    private static final Duration RESERVE = Duration.ofMillis(3);

    @Test
    void subtractsTimeAlreadySpentAndTheWriteReserve() {
        assertThat(Deadline.engineBudget(100, Duration.ofMillis(2).toNanos(), RESERVE)).isEqualTo(Duration.ofMillis(95));
        assertThat(Deadline.engineBudget(80, 0, RESERVE)).isEqualTo(Duration.ofMillis(77));
    }

    @Test
    void reserveIsAtMostAQuarterOfTmax() {
        assertThat(Deadline.engineBudget(4, 0, RESERVE)).isEqualTo(Duration.ofMillis(3));
        assertThat(Deadline.engineBudget(1, 0, RESERVE)).isEqualTo(Duration.ofNanos(750_000));
    }

    @Test
    void noTimeLeftMeansNoEngineCall() {
        assertThat(Deadline.engineBudget(10, Duration.ofMillis(8).toNanos(), RESERVE)).isEqualTo(Duration.ZERO);
        assertThat(Deadline.engineBudget(10, Duration.ofMillis(50).toNanos(), RESERVE)).isEqualTo(Duration.ZERO);
        assertThat(Deadline.engineBudget(1, 600_000, RESERVE)).isEqualTo(Duration.ZERO);
    }

    @Test
    void aClockThatWentBackwardsCountsAsNoTimeSpent() {
        assertThat(Deadline.engineBudget(100, -5_000_000, RESERVE)).isEqualTo(Duration.ofMillis(97));
    }
}
