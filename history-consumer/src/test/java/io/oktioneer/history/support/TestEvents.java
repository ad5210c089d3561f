package io.oktioneer.history.support;

import io.oktioneer.contracts.EventEnvelope;
import io.oktioneer.contracts.EventTypes;
import io.oktioneer.contracts.auction.AuctionEvaluated;
import io.oktioneer.contracts.auction.AuctionExpired;
import io.oktioneer.contracts.auction.AuctionResultRecorded;
import io.oktioneer.contracts.auction.Bid;
import io.oktioneer.contracts.auction.BudgetSnapshot;
import io.oktioneer.contracts.auction.Item;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auction events as the auction-service publishes them: an {@link EventEnvelope} around a contracts record,
 * serialised with Jackson 3.
 */
public final class TestEvents {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private TestEvents() {
    }

    /** An AuctionEvaluated; {@code userId} null makes it a NO_BID round (reason NO_MATCH). */
    public static EventEnvelope<AuctionEvaluated> evaluated(Instant at, String exchange, String auctionId,
                                                            String category, String brand, String userId,
                                                            String bid, double latencyMs) {
        Bid placed = userId == null ? null : bid(userId, bid);
        AuctionEvaluated payload = new AuctionEvaluated(UUID.randomUUID(), exchange, auctionId, 1,
                new Item(category, brand, "item " + auctionId), new BigDecimal("1.00"), "EUR", "ENGLISH",
                new BigDecimal("0.01"), null, 100, userId == null ? "NO_BID" : "BID",
                userId == null ? "NO_MATCH" : null, placed, userId == null ? 0 : 2, latencyMs / 2, latencyMs,
                placed == null ? List.of()
                        : List.of(new BudgetSnapshot(placed.preferenceId(), BigDecimal.ZERO, placed.amount(), 1)));
        return EventEnvelope.of(EventTypes.AUCTION_EVALUATED, at, null, payload);
    }

    public static EventEnvelope<AuctionResultRecorded> result(Instant at, String exchange, String auctionId,
                                                              String category, String brand, String userId,
                                                              String bid, String outcome, String clearingPrice) {
        Bid placed = bid(userId, bid);
        AuctionResultRecorded payload = new AuctionResultRecorded(UUID.randomUUID(), exchange, auctionId, outcome,
                clearingPrice == null ? null : new BigDecimal(clearingPrice), "EUR", placed,
                new Item(category, brand, "item " + auctionId),
                List.of(new BudgetSnapshot(placed.preferenceId(), BigDecimal.ONE, BigDecimal.ZERO, 2)));
        return EventEnvelope.of(EventTypes.AUCTION_RESULT_RECORDED, at, null, payload);
    }

    public static EventEnvelope<AuctionExpired> expired(Instant at, String exchange, String auctionId,
                                                        String userId, String bid) {
        Bid placed = bid(userId, bid);
        return EventEnvelope.of(EventTypes.AUCTION_EXPIRED, at, null, new AuctionExpired(UUID.randomUUID(),
                exchange, auctionId, placed, placed.amount(), List.of()));
    }

    public static String json(EventEnvelope<?> envelope) {
        return JSON.writeValueAsString(envelope);
    }

    public static String key(EventEnvelope<?> envelope) {
        Object payload = envelope.payload();
        if (payload instanceof AuctionEvaluated e) {
            return e.exchange() + ":" + e.auctionId();
        }
        if (payload instanceof AuctionResultRecorded r) {
            return r.exchange() + ":" + r.auctionId();
        }
        if (payload instanceof AuctionExpired x) {
            return x.exchange() + ":" + x.auctionId();
        }
        return envelope.eventId().toString();
    }

    private static Bid bid(String userId, String amount) {
        return new Bid(new BigDecimal(amount), "EUR", userId,
                UUID.nameUUIDFromBytes(("pref-" + userId).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
