package io.oktioneer.auction.result;

import io.oktioneer.auction.auction.StoredResult;
import io.oktioneer.auction.auction.StoredRound;
import org.springframework.http.HttpStatus;

/** What a result request does (SPEC §3). */
public sealed interface ResultPlan {

    /** The identical result is already recorded: 200 with Idempotent-Replayed. */
    record Replay(StoredResult result, StoredRound round) implements ResultPlan {
    }

    /** Refused (404, 409 or 422). */
    record Refused(HttpStatus status, String detail) implements ResultPlan {
    }

    /** Record it against the auction's latest round, a BID whose reservation is open. */
    record Settle(StoredRound round) implements ResultPlan {
    }
}
