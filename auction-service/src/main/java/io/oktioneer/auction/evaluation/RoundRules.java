package io.oktioneer.auction.evaluation;

import io.oktioneer.auction.auction.AuctionSnapshot;
import io.oktioneer.auction.auction.AuctionStatus;
import io.oktioneer.auction.auction.AuctionTerms;
import io.oktioneer.auction.auction.StoredRound;

/** SPEC §3: replay, ENGLISH new round, or 409, given what is stored for the auction. */
public final class RoundRules {

    private RoundRules() {
    }

    /** {@code current} null means the auction is not known (yet). */
    public static RoundPlan plan(AuctionSnapshot current, AuctionTerms terms) {
        if (current == null) {
            return new RoundPlan.NewRound(1, null);
        }
        StoredRound latest = current.latestRound();
        if (terms.sameBodyAs(latest.terms())) {
            return new RoundPlan.Replay(latest);
        }
        if (!terms.isOutbidRoundAfter(latest.terms())) {
            return new RoundPlan.Conflict("Auction " + terms.key().auctionId() + " of " + terms.key().exchange()
                    + " is known with a different body; only an ENGLISH auction with a strictly higher floorPrice"
                    + " and nothing else changed starts a new round.");
        }
        if (current.status() == AuctionStatus.SETTLED) {
            return new RoundPlan.Conflict("Auction already has a result; no new round.");
        }
        if (current.status() == AuctionStatus.EXPIRED) {
            return new RoundPlan.Conflict("Auction's reservation has expired; no new round.");
        }
        return new RoundPlan.NewRound(latest.round() + 1, latest.openReservation());
    }
}
