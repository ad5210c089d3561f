package io.oktioneer.auction.support;

import io.oktioneer.auction.auction.AuctionKey;
import io.oktioneer.auction.auction.AuctionSnapshot;
import io.oktioneer.auction.auction.AuctionStatus;
import io.oktioneer.auction.auction.AuctionTerms;
import io.oktioneer.auction.auction.AuctionType;
import io.oktioneer.auction.auction.Decision;
import io.oktioneer.auction.auction.NoBidReason;
import io.oktioneer.auction.auction.ReservationState;
import io.oktioneer.auction.auction.StoredResult;
import io.oktioneer.auction.auction.StoredRound;
import io.oktioneer.contracts.auction.Bid;
import io.oktioneer.contracts.auction.Item;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Domain objects for unit tests. */
public final class Fixtures {

    public static final AuctionKey KEY = new AuctionKey("ex-paris", "A-1");
    public static final UUID PREFERENCE = UUID.fromString("00000000-0000-0000-0000-000000000001");
    public static final Instant NOW = Instant.parse("2026-11-24T17:00:00.000Z");

    private Fixtures() {
    }

    public static BigDecimal eur(String amount) {
        return new BigDecimal(amount).setScale(2);
    }

    public static AuctionTerms terms(String floor) {
        return terms(floor, AuctionType.ENGLISH);
    }

    public static AuctionTerms terms(String floor, AuctionType type) {
        return new AuctionTerms(KEY, new Item("watches", "omega", "Seamaster"), eur(floor), "EUR", type, eur("1"),
                Instant.parse("2026-11-24T18:00:00.000Z"), 80);
    }

    public static StoredRound bidRound(int round, AuctionTerms terms, String bid, ReservationState state) {
        return new StoredRound(round, UUID.randomUUID(), terms, Decision.BID, null,
                new Bid(eur(bid), "EUR", "u1", PREFERENCE), 3, 0.3, NOW, state, NOW.plusSeconds(3600));
    }

    public static StoredRound noBidRound(int round, AuctionTerms terms, NoBidReason reason) {
        return new StoredRound(round, UUID.randomUUID(), terms, Decision.NO_BID, reason, null, 0, 0.3, NOW,
                ReservationState.NONE, null);
    }

    public static AuctionSnapshot snapshot(AuctionStatus status, StoredRound latest, StoredResult result) {
        return new AuctionSnapshot(KEY, status, latest, result);
    }
}
