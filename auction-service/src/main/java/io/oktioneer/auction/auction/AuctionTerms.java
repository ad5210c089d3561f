package io.oktioneer.auction.auction;

import io.oktioneer.contracts.auction.Item;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * An evaluate request after validation and defaults. Amounts are at scale 2, so record equality compares them
 * as amounts. {@code tmaxMs} is how long the caller waits, not part of the auction: replays ignore it.
 */
public record AuctionTerms(AuctionKey key, Item item, BigDecimal floorPrice, String currency, AuctionType auctionType,
                           BigDecimal minIncrement, Instant closesAt, int tmaxMs) {

    public static final int DEFAULT_TMAX_MS = 100;
    public static final BigDecimal DEFAULT_MIN_INCREMENT = new BigDecimal("0.01");

    /** The same auction body: every field equal except {@code tmaxMs}. */
    public boolean sameBodyAs(AuctionTerms other) {
        return sameExceptFloor(other) && floorPrice.compareTo(other.floorPrice) == 0;
    }

    /** An ENGLISH auction asked again with a strictly higher floor and nothing else changed: we were outbid. */
    public boolean isOutbidRoundAfter(AuctionTerms previous) {
        return auctionType == AuctionType.ENGLISH && previous.auctionType == AuctionType.ENGLISH
                && sameExceptFloor(previous) && floorPrice.compareTo(previous.floorPrice) > 0;
    }

    private boolean sameExceptFloor(AuctionTerms other) {
        return key.equals(other.key) && item.equals(other.item) && currency.equals(other.currency)
                && auctionType == other.auctionType && minIncrement.compareTo(other.minIncrement) == 0
                && Objects.equals(closesAt, other.closesAt);
    }

    public boolean closedAt(Instant now) {
        return closesAt != null && !closesAt.isAfter(now);
    }
}
