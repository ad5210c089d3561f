package io.oktioneer.auction.evaluation;

import io.oktioneer.auction.auction.AuctionKey;
import io.oktioneer.auction.auction.Decision;
import io.oktioneer.auction.auction.NoBidReason;
import io.oktioneer.auction.auction.StoredRound;
import io.oktioneer.auction.web.Timestamps;
import io.oktioneer.contracts.auction.Bid;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** The evaluate answer of SPEC §3 (every field present, null when empty). */
@Schema(description = "A decision: BID with its bid, or NO_BID with its reason")
public record DecisionView(UUID decisionId, String exchange, String auctionId,
                           Decision decision,
                           @Schema(nullable = true, description = "null on NO_BID") Bid bid,
                           @Schema(nullable = true, description = "Why NO_BID; null on BID") NoBidReason reason,
                           @Schema(description = "Eligible preferences; 0 on NO_BID") int candidates,
                           @Schema(format = "date-time") String evaluatedAt) {

    public static DecisionView of(AuctionKey key, StoredRound round) {
        return new DecisionView(round.decisionId(), key.exchange(), key.auctionId(), round.decision(), round.bid(),
                round.reason(), round.candidates(), Timestamps.format(round.evaluatedAt()));
    }
}
