package io.oktioneer.auction.ledger;

import io.oktioneer.auction.auction.NoBidReason;
import io.oktioneer.contracts.engine.EngineCandidate;
import java.util.List;

/**
 * What the engine (or the service itself) decided before the ledger had its say: ranked candidates with the
 * number of eligible preferences, or a NO_BID reason. {@code engineLatencyMs} is null when the engine was not
 * called (auction closed, no time left, circuit open).
 */
public record EngineDecision(NoBidReason noBidReason, int eligible, List<EngineCandidate> candidates,
                             Double engineLatencyMs) {

    public static EngineDecision noBid(NoBidReason reason, Double engineLatencyMs) {
        return new EngineDecision(reason, 0, List.of(), engineLatencyMs);
    }

    public static EngineDecision candidates(int eligible, List<EngineCandidate> candidates, double engineLatencyMs) {
        return new EngineDecision(null, eligible, List.copyOf(candidates), engineLatencyMs);
    }

    public boolean hasCandidates() {
        return noBidReason == null && !candidates.isEmpty();
    }
}
