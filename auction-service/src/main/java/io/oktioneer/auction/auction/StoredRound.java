package io.oktioneer.auction.auction;

import io.oktioneer.auction.evaluation.AuctionTerms;
import io.oktioneer.contracts.auction.Bid;
import java.time.Instant;
import java.util.UUID;

/** One evaluate round as recorded: the request terms, the decision, and its reservation's state. */
public record StoredRound(int round, UUID decisionId, AuctionTerms terms, String decision, String reason, Bid bid,
                          int candidates, Double engineLatencyMs, Instant evaluatedAt, ReservationState reservation,
                          Instant expiresAt) {

    public static final String BID = "BID";
    public static final String NO_BID = "NO_BID";

    public boolean isBid() {
        return BID.equals(decision);
    }

    /** The budget this round still holds, or null. */
    public Reservation openReservation() {
        return reservation == ReservationState.OPEN
                ? new Reservation(bid.preferenceId(), bid.userId(), bid.amount(), bid.currency()) : null;
    }
}
