package io.oktioneer.auction.evaluation;

import java.time.Duration;

/**
 * How long the engine may take so the answer still arrives within {@code tmaxMs}: tmax minus the time already
 * spent on the request, minus a reserve for recording the decision (the ledger's group commit). The reserve
 * is capped at a quarter of tmax so short deadlines still get an engine call.
 */
public final class Deadline {

    /** Below this, an engine call cannot succeed: answer NO_BID TIMEOUT without calling. */
    static final long MIN_ENGINE_NANOS = 200_000;

    private Deadline() {
    }

    /** The engine's time budget, or {@link Duration#ZERO} when there is none left. */
    public static Duration engineBudget(int tmaxMs, long elapsedNanos, Duration writeReserve) {
        long tmaxNanos = tmaxMs * 1_000_000L;
        long reserve = Math.min(writeReserve.toNanos(), tmaxNanos / 4);
        long left = tmaxNanos - Math.max(0, elapsedNanos) - reserve;
        return left >= MIN_ENGINE_NANOS ? Duration.ofNanos(left) : Duration.ZERO;
    }
}
