package io.oktioneer.contracts.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One ranked candidate. {@code bid} is the bid this candidate would place under SPEC §4.3 if every candidate
 * ranked above it were unavailable (its budget taken meanwhile), so the auction-service can move down the list
 * without asking again. {@code maxBid} and {@code totalBudget} (null = no cap) are the preference's as the
 * engine knows them, {@code effectiveBudget} = min(maxBid, totalBudget − spent − reserved) in the engine's
 * (eventually consistent) view; the auction-service's ledger is the authority.
 */
public record EngineCandidate(UUID preferenceId, String userId, BigDecimal bid, BigDecimal effectiveBudget,
                              BigDecimal maxBid, BigDecimal totalBudget, Instant createdAt) {
}
