package io.oktioneer.auction.ledger;

import io.oktioneer.auction.auction.NoBidReason;
import io.oktioneer.auction.auction.StoredRound;
import io.oktioneer.auction.outbox.Trace;
import io.oktioneer.contracts.EventEnvelope;
import io.oktioneer.contracts.EventTypes;
import io.oktioneer.contracts.auction.AuctionEvaluated;
import io.oktioneer.contracts.auction.AuctionExpired;
import io.oktioneer.contracts.auction.AuctionResultRecorded;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/** The oktioneer.auctions.v1 event of each ledger change, as the JSON text the outbox stores. */
public final class AuctionEvents {

    private final JsonMapper json;

    public AuctionEvents(JsonMapper json) {
        this.json = json;
    }

    public record Event(EventEnvelope<?> envelope, String json) {
    }

    /** {@code latencyMs}: time from the request's arrival to its batch (null for results and expiries). */
    public Event of(BatchResolver.Effect effect, Double latencyMs) {
        EventEnvelope<?> envelope = switch (effect) {
            case BatchResolver.RoundEffect r -> evaluated(r, latencyMs);
            case BatchResolver.SettleEffect s -> {
                LedgerCommand.Settle c = s.command();
                yield envelope(EventTypes.AUCTION_RESULT_RECORDED, c.recordedAt(), c.trace(),
                        new AuctionResultRecorded(c.decisionId(), c.key().exchange(), c.key().auctionId(),
                                c.outcome().name(), c.clearingPrice(), c.bid().currency(), c.bid(), c.item(),
                                s.budgets()));
            }
            case BatchResolver.ExpireEffect e -> {
                LedgerCommand.Expire c = e.command();
                yield envelope(EventTypes.AUCTION_EXPIRED, c.expiredAt(), c.trace(),
                        new AuctionExpired(c.decisionId(), c.key().exchange(), c.key().auctionId(), c.bid(),
                                c.bid().amount(), e.budgets()));
            }
        };
        return new Event(envelope, json.writeValueAsString(envelope));
    }

    private EventEnvelope<AuctionEvaluated> evaluated(BatchResolver.RoundEffect effect, Double latencyMs) {
        StoredRound round = effect.round();
        var terms = round.terms();
        AuctionEvaluated payload = new AuctionEvaluated(round.decisionId(), terms.key().exchange(),
                terms.key().auctionId(), round.round(), terms.item(), terms.floorPrice(), terms.currency(),
                terms.auctionType().name(), terms.minIncrement(), terms.closesAt(), terms.tmaxMs(),
                round.decision().name(), NoBidReason.nameOf(round.reason()), round.bid(), round.candidates(),
                round.engineLatencyMs() == null ? 0.0 : round.engineLatencyMs(),
                latencyMs == null ? 0.0 : latencyMs, effect.budgets());
        return envelope(EventTypes.AUCTION_EVALUATED, round.evaluatedAt(), effect.command().trace(), payload);
    }

    private static <T> EventEnvelope<T> envelope(String type, Instant at, Trace trace, T payload) {
        return EventEnvelope.of(type, at, trace == null ? null : trace.traceId(), payload);
    }
}
