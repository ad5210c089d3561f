package io.oktioneer.auction.query;

import io.oktioneer.auction.auction.AuctionDetails;
import io.oktioneer.auction.auction.NoBidReason;
import io.oktioneer.auction.auction.StoredResult;
import io.oktioneer.auction.auction.StoredRound;
import io.oktioneer.auction.evaluation.DecisionView;
import io.oktioneer.auction.result.ResultView;
import io.oktioneer.auction.web.Timestamps;
import io.oktioneer.contracts.auction.Bid;
import io.oktioneer.contracts.auction.Item;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/v1/auctions/{exchange}/{auctionId}}: the auction, its rounds, its decision and its result. */
public record AuctionView(String exchange, String auctionId, String status, String auctionType, String currency,
                          @Schema(format = "date-time") String createdAt,
                          @Schema(format = "date-time") String updatedAt, DecisionView decision,
                          List<RoundView> rounds, @Schema(nullable = true) ResultView result) {

    public record RequestView(Item item, BigDecimal floorPrice, String currency, String auctionType,
                              BigDecimal minIncrement,
                              @Schema(nullable = true, format = "date-time") String closesAt, int tmaxMs) {
    }

    public record RoundView(int round, UUID decisionId, RequestView request, String decision,
                            @Schema(nullable = true) String reason, @Schema(nullable = true) Bid bid,
                            int candidates, @Schema(format = "date-time") String evaluatedAt, String reservation,
                            @Schema(nullable = true, format = "date-time") String reservationExpiresAt) {
    }

    public static AuctionView of(AuctionDetails details) {
        StoredRound latest = details.rounds().getLast();
        List<RoundView> rounds = details.rounds().stream().map(r -> new RoundView(r.round(), r.decisionId(),
                new RequestView(r.terms().item(), r.terms().floorPrice(), r.terms().currency(),
                        r.terms().auctionType().name(), r.terms().minIncrement(),
                        Timestamps.format(r.terms().closesAt()), r.terms().tmaxMs()),
                r.decision().name(), NoBidReason.nameOf(r.reason()), r.bid(), r.candidates(),
                Timestamps.format(r.evaluatedAt()), r.reservation().name(), Timestamps.format(r.expiresAt()))).toList();
        StoredResult result = details.result();
        StoredRound resultRound = result == null ? null : details.rounds().stream()
                .filter(r -> r.round() == result.round()).findFirst().orElse(latest);
        return new AuctionView(details.key().exchange(), details.key().auctionId(), details.header().status().name(),
                latest.terms().auctionType().name(), latest.terms().currency(),
                Timestamps.format(details.header().createdAt()), Timestamps.format(details.header().updatedAt()),
                DecisionView.of(details.key(), latest), rounds,
                result == null ? null : ResultView.of(details.key(), result, resultRound));
    }
}
