package io.oktioneer.auction.auction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The exchange's outcome for an auction's BID round. */
public record StoredResult(int round, UUID decisionId, ResultOutcome outcome, BigDecimal clearingPrice, String currency,
                           Instant recordedAt) {
}
