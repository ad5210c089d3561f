package io.oktioneer.engine.index;

/** How the exchange prices the auction; decides the bid rule of SPEC §4.3. */
public enum AuctionType {
    /** Open ascending: the cheapest bid that beats every other user. */
    ENGLISH,
    /** Sealed, pay your bid: same rule as ENGLISH. */
    FIRST_PRICE,
    /** Sealed, pay the second bid: bid the whole effective budget. */
    SECOND_PRICE
}
