package io.oktioneer.auction.evaluation;

import java.util.concurrent.Semaphore;

/**
 * A bulkhead on evaluate: at most {@code maxInFlight} evaluations at once per instance. Virtual threads accept
 * every request, so without it an overload queues without bound: answers come later than any {@code tmaxMs},
 * memory fills with waiting requests and the service collapses. Past the limit a request is refused at once
 * (503 with {@code Retry-After}), and the ones admitted keep their latency.
 */
final class EvaluationLimiter {

    private final Semaphore permits;
    private final int maxInFlight;

    EvaluationLimiter(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive: " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.permits = new Semaphore(maxInFlight);
    }

    boolean tryEnter() {
        return permits.tryAcquire();
    }

    void exit() {
        permits.release();
    }

    int inFlight() {
        return maxInFlight - permits.availablePermits();
    }
}
