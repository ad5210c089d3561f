package io.oktioneer.auction.evaluation;

import io.oktioneer.auction.auction.Reservation;
import io.oktioneer.auction.auction.StoredRound;

/** What an evaluate request does to its auction (SPEC §3 replays and new rounds). */
public sealed interface RoundPlan {

    /** The same body as the latest round: answer the stored decision, reserve nothing. */
    record Replay(StoredRound round) implements RoundPlan {
    }

    /** Refused with 409. */
    record Conflict(String detail) implements RoundPlan {
    }

    /** Decide afresh as round {@code round}, first releasing {@code previousReservation} (null when none). */
    record NewRound(int round, Reservation previousReservation) implements RoundPlan {
    }
}
