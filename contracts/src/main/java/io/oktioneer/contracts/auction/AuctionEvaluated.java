package io.oktioneer.contracts.auction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One evaluate round and its decision. {@code decision} is BID or NO_BID; {@code reason} is null on BID.
 * {@code budgets} holds the ledger of every preference the round changed (the new reservation, and the
 * release of the previous round's reservation on an ENGLISH new round).
 */
public record AuctionEvaluated(UUID decisionId, String exchange, String auctionId, int round, Item item,
                               BigDecimal floorPrice, String currency, String auctionType,
                               BigDecimal minIncrement, Instant closesAt, int tmaxMs, String decision,
                               String reason, Bid bid, int candidates, double engineLatencyMs,
                               double latencyMs, List<BudgetSnapshot> budgets) {
}
