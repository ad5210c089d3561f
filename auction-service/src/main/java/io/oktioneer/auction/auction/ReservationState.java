package io.oktioneer.auction.auction;

/**
 * What became of a round's reservation: NONE for a NO_BID round; OPEN while it holds budget; then SPENT (WON),
 * RELEASED (LOST or CANCELLED), SUPERSEDED (an ENGLISH new round released it) or EXPIRED.
 */
public enum ReservationState {
    NONE, OPEN, SPENT, RELEASED, SUPERSEDED, EXPIRED
}
