package io.oktioneer.auction.auction;

/** OPEN until a result is recorded (SETTLED) or its reservation expires (EXPIRED); then no new round. */
public enum AuctionStatus {
    OPEN, SETTLED, EXPIRED
}
