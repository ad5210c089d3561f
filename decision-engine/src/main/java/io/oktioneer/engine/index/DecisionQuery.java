package io.oktioneer.engine.index;

import java.util.Objects;

/**
 * One auction to decide. {@code category}/{@code brand} as the bidder sent them (null = the item has none);
 * the index normalises them. Amounts in cents.
 */
public record DecisionQuery(String category, String brand, long floorCents, String currency,
                            AuctionType auctionType, long minIncrementCents, int maxCandidates) {

    public DecisionQuery {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(auctionType, "auctionType");
        if (floorCents < 0 || minIncrementCents < 0) {
            throw new IllegalArgumentException("amounts must not be negative");
        }
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("maxCandidates must be at least 1");
        }
    }
}
