package io.oktioneer.auction.auction;

/** An auction's state as read: its status, its latest round and its result (null when none). */
public record AuctionSnapshot(AuctionKey key, AuctionStatus status, StoredRound latestRound, StoredResult result) {
}
