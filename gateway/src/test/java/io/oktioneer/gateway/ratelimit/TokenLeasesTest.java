package io.oktioneer.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oktioneer.gateway.ratelimit.TokenLeases.Local;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenLeasesTest {

    private static final long MS = 1_000_000L;
    private static final Limit BIDDER = new Limit(2000, 4000);

    private final TokenLeases leases = new TokenLeases(Duration.ofMillis(50));
    private final TokenLeases.Lease lease = leases.of("k1");

    @Test
    void aKeyWithoutALeaseAsksRedisForOneToken() {
        assertThat(lease.take(0)).isEqualTo(Local.ASK);
        assertThat(lease.sizeToAsk(BIDDER, 0)).isEqualTo(1);
        assertThat(leases.of("k1")).isSameAs(lease);
    }

    @Test
    void grantedTokensAreSpentLocallyUntilTheyRunOut() {
        lease.granted(3, 100, 0, MS);
        assertThat(lease.remaining(MS)).isEqualTo(102);
        assertThat(lease.take(2 * MS)).isEqualTo(Local.TAKEN);
        assertThat(lease.take(3 * MS)).isEqualTo(Local.TAKEN);
        assertThat(lease.take(4 * MS)).as("the asking request spent the first").isEqualTo(Local.ASK);
    }

    @Test
    void leasedTokensExpireTtlAfterTheAskNotAfterTheAnswer() {
        lease.granted(10, 0, 0, 20 * MS);
        assertThat(lease.take(49 * MS)).isEqualTo(Local.TAKEN);
        assertThat(lease.take(50 * MS)).isEqualTo(Local.ASK);
        assertThat(lease.remaining(50 * MS)).isZero();
    }

    @Test
    void anAnswerLaterThanTheTtlLeavesNothingToSpend() {
        lease.granted(10, 0, 0, 60 * MS);
        assertThat(lease.take(61 * MS)).isEqualTo(Local.ASK);
    }

    @Test
    void aLeaseThatRanOutWhileValidDoublesAndOneThatExpiredShrinksToWhatWasSpent() {
        lease.granted(4, 0, 0, MS);
        for (int i = 0; i < 3; i++) {
            assertThat(lease.take(2 * MS)).isEqualTo(Local.TAKEN);
        }
        assertThat(lease.sizeToAsk(BIDDER, 3 * MS)).as("ran out after 3 ms").isEqualTo(8);

        lease.granted(8, 0, 3 * MS, 4 * MS);
        lease.take(5 * MS);
        assertThat(lease.sizeToAsk(BIDDER, 60 * MS)).as("expired having spent 2 of 8").isEqualTo(2);
    }

    @Test
    void leasesStayBetweenOneTokenAndPerSecondTimesTtl() {
        lease.granted(100, 0, 0, MS);
        for (int i = 0; i < 99; i++) {
            lease.take(2 * MS);
        }
        assertThat(lease.sizeToAsk(BIDDER, 3 * MS)).as("2000/s × 50 ms").isEqualTo(100);
        assertThat(lease.sizeToAsk(new Limit(20, 100), 3 * MS)).as("USER 20/s: one token per request").isEqualTo(1);
        assertThat(leases.maxLease(new Limit(1, 1))).isEqualTo(1);
        assertThat(leases.maxLease(new Limit(Limit.MAX, Limit.MAX))).isEqualTo(50_000_000);
    }

    @Test
    void concurrentGrantsArePooledAndExpireWithTheEarlierLease() {
        lease.granted(3, 0, 0, MS);
        lease.granted(3, 0, 10 * MS, 11 * MS);
        assertThat(lease.remaining(12 * MS)).isEqualTo(4);
        assertThat(lease.take(49 * MS)).isEqualTo(Local.TAKEN);
        assertThat(lease.take(50 * MS)).as("the earlier ask's expiry").isEqualTo(Local.ASK);
    }

    @Test
    void afterARefusalTheKeyIsRefusedLocallyForTheTtlThenAsksForTheMost() {
        lease.granted(1, 0, 0, 0);
        lease.refused(MS);
        assertThat(lease.take(50 * MS)).isEqualTo(Local.REFUSED);
        assertThat(lease.refusedForNanos(41 * MS)).isEqualTo(10 * MS);
        assertThat(lease.remaining(41 * MS)).isZero();
        assertThat(lease.take(51 * MS)).isEqualTo(Local.ASK);
        assertThat(lease.sizeToAsk(BIDDER, 51 * MS)).as("the bucket refilled meanwhile").isEqualTo(100);

        lease.granted(30, 0, 51 * MS, 52 * MS);
        assertThat(lease.take(53 * MS)).isEqualTo(Local.TAKEN);
        assertThat(lease.sizeToAsk(BIDDER, 120 * MS)).as("back to what was spent").isEqualTo(2);
    }

    @Test
    void tokensOfAConcurrentGrantAreSpentDespiteARefusal() {
        lease.granted(5, 0, 0, MS);
        lease.refused(2 * MS);
        assertThat(lease.take(3 * MS)).isEqualTo(Local.TAKEN);
    }

    @Test
    void theTtlIsBoundedByTheTenPercentRule() {
        assertThatThrownBy(() -> new TokenLeases(Duration.ofMillis(101))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenLeases(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        new TokenLeases(Duration.ofMillis(100));
    }
}
