package io.oktioneer.auction.evaluation;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * A bulkhead on evaluate (Resilience4j's semaphore bulkhead, its meters bound as {@code resilience4j_bulkhead_*}
 * with {@code name="evaluate"}): at most {@code maxInFlight} evaluations at once per instance. Virtual threads
 * accept every request, so without it an overload queues without bound: answers come later than any
 * {@code tmaxMs}, memory fills with waiting requests and the service collapses. Past the limit a request is
 * refused at once (no wait: 503 with {@code Retry-After}), and the ones admitted keep their latency.
 */
final class EvaluationLimiter {

    static final String NAME = "evaluate";

    private final Bulkhead bulkhead;
    private final int maxInFlight;

    EvaluationLimiter(int maxInFlight, MeterRegistry meters) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive: " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        BulkheadRegistry registry = BulkheadRegistry.of(BulkheadConfig.custom().maxConcurrentCalls(maxInFlight)
                .maxWaitDuration(Duration.ZERO).build());
        this.bulkhead = registry.bulkhead(NAME);
        TaggedBulkheadMetrics.ofBulkheadRegistry(registry).bindTo(meters);
    }

    boolean tryEnter() {
        return bulkhead.tryAcquirePermission();
    }

    void exit() {
        bulkhead.onComplete();
    }

    int inFlight() {
        return maxInFlight - bulkhead.getMetrics().getAvailableConcurrentCalls();
    }
}
