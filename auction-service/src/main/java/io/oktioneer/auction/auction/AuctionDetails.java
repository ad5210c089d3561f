package io.oktioneer.auction.auction;

import java.time.Instant;
import java.util.List;

/** Everything stored about one auction, for {@code GET /api/v1/auctions/{exchange}/{auctionId}}. */
public record AuctionDetails(AuctionKey key, Header header, List<StoredRound> rounds, StoredResult result) {

    public record Header(AuctionStatus status, Instant createdAt, Instant updatedAt) {
    }
}
