package io.oktioneer.auction.auction;

/**
 * Why a round is NO_BID (SPEC §3), stored and sent as its name. The engine answers the first three itself;
 * TIMEOUT, ENGINE_UNAVAILABLE and AUCTION_CLOSED are the service's own; BUDGET_EXHAUSTED is also the ledger's
 * answer when no candidate's remaining budget covers its bid.
 */
public enum NoBidReason {
    NO_MATCH, BELOW_FLOOR, BUDGET_EXHAUSTED, TIMEOUT, ENGINE_UNAVAILABLE, AUCTION_CLOSED;

    /**
     * The reason an engine outcome other than CANDIDATES gives; an outcome the service does not know is
     * ENGINE_UNAVAILABLE.
     */
    public static NoBidReason ofEngine(String outcome) {
        return switch (outcome) {
            case "NO_MATCH" -> NO_MATCH;
            case "BELOW_FLOOR" -> BELOW_FLOOR;
            case "BUDGET_EXHAUSTED" -> BUDGET_EXHAUSTED;
            default -> ENGINE_UNAVAILABLE;
        };
    }

    /** The stored or sent name back as a reason; null (a BID round) stays null. */
    public static NoBidReason of(String name) {
        return name == null ? null : valueOf(name);
    }

    /** The name to store or send; null (a BID round) stays null. */
    public static String nameOf(NoBidReason reason) {
        return reason == null ? null : reason.name();
    }
}
