package io.oktioneer.auction.auction;

/**
 * The exchange's outcome of an auction (SPEC §3), stored and sent as its name: WON turns the reservation into
 * spend, LOST and CANCELLED release it.
 */
public enum ResultOutcome {
    WON, LOST, CANCELLED
}
