package io.oktioneer.engine.index;

/** What a decision found (SPEC §3 NO_BID reasons, as far as the engine can tell them). */
public enum Outcome {
    /** At least one eligible preference (SPEC §4.1). */
    CANDIDATES,
    /** No usable preference (active, ACTIVE user, same currency) wants the item's category and brand. */
    NO_MATCH,
    /** Some usable preferences want the item, but no maxBid reaches the floor. */
    BELOW_FLOOR,
    /** Some maxBid reaches the floor, but no remaining total budget does. */
    BUDGET_EXHAUSTED
}
