package io.oktioneer.auction.auction;

/** SPEC §3: open ascending (the default) or sealed first/second price. */
public enum AuctionType {
    ENGLISH, FIRST_PRICE, SECOND_PRICE
}
