package io.oktioneer.auction.auction;

/** The exchange's outcome of an auction (SPEC §3), stored and sent as its name: WON spends, LOST and CANCELLED release. */
public enum ResultOutcome {
    WON, LOST, CANCELLED
}
