package io.oktioneer.auction.ledger;

import io.oktioneer.auction.auction.AuctionKey;
import io.oktioneer.auction.auction.AuctionTerms;
import io.oktioneer.auction.auction.Reservation;
import io.oktioneer.auction.auction.ResultOutcome;
import io.oktioneer.auction.outbox.Trace;
import io.oktioneer.contracts.auction.Bid;
import io.oktioneer.contracts.auction.Item;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A change of one auction and the budgets it touches, applied by the ledger writer in a group commit. Each
 * command names the auction state it expects (its round); if the auction moved on meanwhile the command is
 * not applied and its sender re-reads the auction ({@link LedgerOutcome.Superseded}).
 */
public sealed interface LedgerCommand {

    AuctionKey key();

    /** The round the command creates (PlaceRound) or acts on (Settle, Expire). */
    int round();

    /** W3C trace context of the request, carried to Kafka with the event; may be null. */
    Trace trace();

    /** Record an evaluate round: release the previous round's reservation, then reserve for the first candidate that fits. */
    record PlaceRound(AuctionTerms terms, int round, Reservation previousReservation, UUID decisionId,
                      Instant evaluatedAt, EngineDecision engine, long receivedNanos, Trace trace)
            implements LedgerCommand {
        @Override
        public AuctionKey key() {
            return terms.key();
        }
    }

    /** Record the exchange's outcome: WON spends the clearing price, LOST and CANCELLED release. */
    record Settle(AuctionKey key, int round, UUID decisionId, Bid bid, Item item, ResultOutcome outcome,
                  BigDecimal clearingPrice, Instant recordedAt, Trace trace) implements LedgerCommand {
    }

    /** Release a reservation that got no result in time. */
    record Expire(AuctionKey key, int round, UUID decisionId, Bid bid, Instant expiredAt) implements LedgerCommand {
        @Override
        public Trace trace() {
            return Trace.NONE;
        }
    }
}
