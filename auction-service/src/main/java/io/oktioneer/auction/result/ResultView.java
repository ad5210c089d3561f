package io.oktioneer.auction.result;

import io.oktioneer.auction.auction.AuctionKey;
import io.oktioneer.auction.auction.ResultOutcome;
import io.oktioneer.auction.auction.StoredResult;
import io.oktioneer.auction.auction.StoredRound;
import io.oktioneer.auction.web.Timestamps;
import io.oktioneer.contracts.auction.Bid;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.UUID;

/** The recorded result, as answered by {@code POST /api/v1/auctions/result} and shown with the auction. */
public record ResultView(String exchange, String auctionId, UUID decisionId, int round,
                         ResultOutcome outcome,
                         @Schema(nullable = true, description = "null unless WON") BigDecimal clearingPrice,
                         String currency, @Schema(nullable = true) Bid bid,
                         @Schema(format = "date-time") String recordedAt) {

    public static ResultView of(AuctionKey key, StoredResult result, StoredRound round) {
        return new ResultView(key.exchange(), key.auctionId(), result.decisionId(), result.round(), result.outcome(),
                result.clearingPrice(), result.currency(), round == null ? null : round.bid(),
                Timestamps.format(result.recordedAt()));
    }
}
