package io.oktioneer.contracts.engine;

import java.util.List;

/**
 * The engine's answer. {@code outcome} is CANDIDATES when at least one preference is eligible (SPEC §4.1),
 * otherwise the NO_BID reason: NO_MATCH, BELOW_FLOOR or BUDGET_EXHAUSTED (as SPEC §3 defines them).
 * {@code eligible} is the number of eligible preferences (the response's {@code candidates} field);
 * {@code candidates} the best of them, ranked (highest effective budget, ties to the oldest preference),
 * at most {@code maxCandidates}.
 */
public record EngineResponse(String outcome, int eligible, List<EngineCandidate> candidates) {
}
