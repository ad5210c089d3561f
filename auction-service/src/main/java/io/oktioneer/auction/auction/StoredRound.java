package io.oktioneer.auction.auction;

import io.oktioneer.contracts.auction.Bid;
import java.time.Instant;
import java.util.UUID;

/** One evaluate round as recorded: the request terms, the decision, and its reservation's state. */
public record StoredRound(int round, UUID decisionId, AuctionTerms terms, Decision decision, NoBidReason reason,
                          Bid bid, int candidates, Double engineLatencyMs, Instant evaluatedAt,
                          ReservationState reservation, Instant expiresAt) {

    public boolean isBid() {
        return decision == Decision.BID;
    }

    /** The budget this round still holds, or null. */
    public Reservation openReservation() {
        return reservation == ReservationState.OPEN
                ? new Reservation(bid.preferenceId(), bid.userId(), bid.amount(), bid.currency()) : null;
    }
}
