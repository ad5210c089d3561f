package io.oktioneer.auction.ledger;

import io.oktioneer.auction.money.Money;
import io.oktioneer.contracts.engine.EngineCandidate;
import java.math.BigDecimal;

/** The one check of an engine candidate, made when the engine answers and again when its batch reserves. */
public final class Candidates {

    /** The longest user id the ledger stores. */
    static final int MAX_USER_ID_LENGTH = 64;

    private Candidates() {
    }

    /**
     * A candidate the ledger can reserve for: a preference and user id, a well-formed bid of at least the floor
     * (and 0.01), and a well-formed total budget when it has one.
     */
    public static boolean usable(EngineCandidate candidate, BigDecimal floorPrice) {
        return candidate != null && candidate.preferenceId() != null && candidate.userId() != null
                && candidate.userId().length() <= MAX_USER_ID_LENGTH && candidate.bid() != null
                && Money.problem(candidate.bid(), false) == null && candidate.bid().compareTo(floorPrice) >= 0
                && (candidate.totalBudget() == null || Money.problem(candidate.totalBudget(), false) == null);
    }
}
