package io.oktioneer.auction.evaluation;

import io.oktioneer.auction.auction.AuctionKey;
import io.oktioneer.auction.auction.StoredRound;
import io.oktioneer.auction.web.Timestamps;
import io.oktioneer.contracts.auction.Bid;
import java.util.UUID;

/** The evaluate answer of SPEC §3 (every field present, null when empty). */
public record DecisionView(UUID decisionId, String exchange, String auctionId, String decision, Bid bid,
                           String reason, int candidates, String evaluatedAt) {

    public static DecisionView of(AuctionKey key, StoredRound round) {
        return new DecisionView(round.decisionId(), key.exchange(), key.auctionId(), round.decision(), round.bid(),
                round.reason(), round.candidates(), Timestamps.format(round.evaluatedAt()));
    }
}
