package io.oktioneer.engine.decision;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.oktioneer.contracts.engine.EngineCandidate;
import io.oktioneer.contracts.engine.EngineRequest;
import io.oktioneer.contracts.engine.EngineResponse;
import io.oktioneer.engine.index.Cents;
import io.oktioneer.engine.index.Decision;
import io.oktioneer.engine.index.DecisionQuery;
import io.oktioneer.engine.index.PreferenceIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/v1/decisions}: the ranked candidates of one auction (contracts.engine). Internal: the
 * gateway does not route it and the internal token is required. No I/O on this path: the index is in memory.
 */
@RestController
class DecisionController {

    private final PreferenceIndex index;
    private final IndexReadiness readiness;
    private final DecisionRequests requests;
    private final Timer latency;

    DecisionController(PreferenceIndex index, IndexReadiness readiness, DecisionRequests requests,
                       MeterRegistry meters) {
        this.index = index;
        this.readiness = readiness;
        this.requests = requests;
        this.latency = Timer.builder("oktioneer.engine.decision.latency")
                .description("Time the index takes to decide one auction")
                .serviceLevelObjectives(Duration.ofNanos(10_000), Duration.ofNanos(25_000), Duration.ofNanos(50_000),
                        Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
                        Duration.ofMillis(1), Duration.ofMillis(5))
                .register(meters);
    }

    @PostMapping(path = "/internal/v1/decisions", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    EngineResponse decide(@RequestBody EngineRequest request) {
        DecisionQuery query = requests.toQuery(request);
        if (!readiness.indexLoaded()) {
            throw new IndexNotLoadedException();
        }
        Decision decision = new Decision(query.maxCandidates());
        long start = System.nanoTime();
        index.decide(query, decision);
        latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return response(decision);
    }

    static EngineResponse response(Decision decision) {
        List<EngineCandidate> candidates = new ArrayList<>(decision.count());
        for (int i = 0; i < decision.count(); i++) {
            long totalBudget = decision.totalBudgetCents(i);
            candidates.add(new EngineCandidate(decision.preferenceId(i), decision.userId(i),
                    Cents.toAmount(decision.bidCents(i)), Cents.toAmount(decision.effectiveBudgetCents(i)),
                    Cents.toAmount(decision.maxBidCents(i)), totalBudget < 0 ? null : Cents.toAmount(totalBudget),
                    Instant.ofEpochMilli(decision.createdAtMillis(i))));
        }
        return new EngineResponse(decision.outcome().name(), decision.eligible(), candidates);
    }
}
