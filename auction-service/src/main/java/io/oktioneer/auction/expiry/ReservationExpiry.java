package io.oktioneer.auction.expiry;

import io.oktioneer.auction.auction.AuctionStore;
import io.oktioneer.auction.auction.ReservationProperties;
import io.oktioneer.auction.ledger.LedgerCommand;
import io.oktioneer.auction.ledger.LedgerOutcome;
import io.oktioneer.auction.ledger.LedgerProperties;
import io.oktioneer.auction.ledger.LedgerWriter;
import io.oktioneer.auction.ledger.Submission;
import io.oktioneer.auction.metrics.AuctionMetrics;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Releases reservations that got no result by closesAt + grace (or the TTL) and emits AuctionExpired. Each
 * release goes through the ledger writer, which claims the auction only while it is still OPEN at that round:
 * with several instances sweeping at once, every reservation is released exactly once.
 */
@Component
public class ReservationExpiry {

    private static final Logger log = LoggerFactory.getLogger(ReservationExpiry.class);

    private final AuctionStore auctions;
    private final LedgerWriter ledger;
    private final AuctionMetrics metrics;
    private final ReservationProperties properties;
    private final long timeoutNanos;
    private final Clock clock;

    public ReservationExpiry(AuctionStore auctions, LedgerWriter ledger, LedgerProperties ledgerProperties,
                             AuctionMetrics metrics, ReservationProperties properties, Clock clock) {
        this.auctions = auctions;
        this.ledger = ledger;
        this.timeoutNanos = ledgerProperties.commandTimeout().toNanos();
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${oktioneer.reservations.sweep-interval}", initialDelayString = "2s")
    public void sweepScheduled() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("reservation sweep failed: {}", e.toString());
        }
    }

    /** Releases what is due now; returns how many reservations this call released. */
    public int sweep() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<AuctionStore.DueReservation> due = auctions.dueReservations(now, properties.sweepBatch());
        long deadline = System.nanoTime() + timeoutNanos;
        List<Submission> releases = due.stream()
                .map(d -> ledger.submit(new LedgerCommand.Expire(d.key(), d.round().round(), d.round().decisionId(),
                        d.round().bid(), now), deadline))
                .toList();
        int released = 0;
        for (Submission release : releases) {
            if (release.await() instanceof LedgerOutcome.Expired) {
                released++;
            }
        }
        if (released > 0) {
            metrics.expired(released);
        }
        return released;
    }
}
