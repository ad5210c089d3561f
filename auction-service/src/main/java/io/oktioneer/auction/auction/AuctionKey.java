package io.oktioneer.auction.auction;

import io.oktioneer.contracts.Topics;

/** An auction is identified by {@code (exchange, auctionId)} (SPEC §2). */
public record AuctionKey(String exchange, String auctionId) implements Comparable<AuctionKey> {

    /** The Kafka key of its events. */
    public String messageKey() {
        return Topics.auctionKey(exchange, auctionId);
    }

    @Override
    public int compareTo(AuctionKey other) {
        int byExchange = exchange.compareTo(other.exchange);
        return byExchange != 0 ? byExchange : auctionId.compareTo(other.auctionId);
    }
}
