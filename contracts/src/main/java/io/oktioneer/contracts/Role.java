package io.oktioneer.contracts;

/** API key roles of SPEC §6. */
public enum Role {
    ADMIN, BIDDER, EXCHANGE, USER
}
