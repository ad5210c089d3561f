package io.oktioneer.contracts.auction;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** A reservation with no result was released after closesAt + grace, or after the TTL. */
public record AuctionExpired(UUID decisionId, String exchange, String auctionId, Bid bid,
                             BigDecimal releasedAmount, List<BudgetSnapshot> budgets) {
}
