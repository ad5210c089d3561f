package io.oktioneer.auction.auction;

/** An evaluate round's decision (SPEC §3), stored and sent as its name. */
public enum Decision {
    BID, NO_BID
}
