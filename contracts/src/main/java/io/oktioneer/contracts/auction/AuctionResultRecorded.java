package io.oktioneer.contracts.auction;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The exchange's outcome (WON, LOST or CANCELLED) for an auction whose latest round was a BID. Carries the
 * bid and the item so analytics can group results without joining.
 */
public record AuctionResultRecorded(UUID decisionId, String exchange, String auctionId, String outcome,
                                    BigDecimal clearingPrice, String currency, Bid bid, Item item,
                                    List<BudgetSnapshot> budgets) {
}
