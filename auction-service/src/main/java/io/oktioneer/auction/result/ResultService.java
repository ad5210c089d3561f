package io.oktioneer.auction.result;

import io.oktioneer.auction.auction.AuctionSnapshot;
import io.oktioneer.auction.auction.AuctionStore;
import io.oktioneer.auction.auction.StoredRound;
import io.oktioneer.auction.ledger.LedgerCommand;
import io.oktioneer.auction.ledger.LedgerOutcome;
import io.oktioneer.auction.ledger.LedgerProperties;
import io.oktioneer.auction.ledger.LedgerWriter;
import io.oktioneer.auction.metrics.AuctionMetrics;
import io.oktioneer.auction.outbox.TraceContexts;
import io.oktioneer.auction.web.ApiProblem;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Service;

/**
 * Records the exchange's outcome through the ledger writer (same batches, same lock order as evaluations),
 * waiting at most {@code oktioneer.ledger.command-timeout}: past it the answer is a 503 that says whether the
 * result is known not to be recorded or its commit was in flight (then repeating the request tells).
 */
@Service
public class ResultService {

    private static final int MAX_ATTEMPTS = 5;
    private static final String NOT_RECORDED = "The result could not be recorded; retry.";

    private final AuctionStore auctions;
    private final LedgerWriter ledger;
    private final long timeoutNanos;
    private final AuctionMetrics metrics;
    private final TraceContexts traces;
    private final Clock clock;

    public ResultService(AuctionStore auctions, LedgerWriter ledger, LedgerProperties ledgerProperties,
                         AuctionMetrics metrics, TraceContexts traces, Clock clock) {
        this.auctions = auctions;
        this.ledger = ledger;
        this.timeoutNanos = ledgerProperties.commandTimeout().toNanos();
        this.metrics = metrics;
        this.traces = traces;
        this.clock = clock;
    }

    public record Recorded(ResultView result, boolean replayed) {
    }

    public Recorded record(ResultRequest request) {
        long deadline = System.nanoTime() + timeoutNanos;
        if (!ledger.available()) {
            // PostgreSQL is known to be down: answer now rather than after the pool's wait for a connection
            throw ApiProblem.unavailable(NOT_RECORDED);
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            AuctionSnapshot auction = auctions.find(request.key());
            switch (ResultRules.plan(auction, request)) {
                case ResultPlan.Replay replay -> {
                    return new Recorded(ResultView.of(request.key(), replay.result(), replay.round()), true);
                }
                case ResultPlan.Refused refused -> throw ApiProblem.of(refused.status(), refused.detail());
                case ResultPlan.Settle settle -> {
                    StoredRound round = settle.round();
                    LedgerOutcome outcome = ledger.apply(new LedgerCommand.Settle(request.key(), round.round(),
                            round.decisionId(), round.bid(), round.terms().item(), request.outcome(),
                            request.clearingPrice(), clock.instant().truncatedTo(ChronoUnit.MILLIS),
                            traces.current()), deadline);
                    switch (outcome) {
                        case LedgerOutcome.ResultRecorded recorded -> {
                            metrics.result(recorded.result().outcome(), recorded.result().currency(),
                                    recorded.result().clearingPrice(), request.key().exchange(), round.terms().item());
                            return new Recorded(ResultView.of(request.key(), recorded.result(), round), false);
                        }
                        case LedgerOutcome.Superseded ignored -> {
                            // a concurrent result, round or expiry won: read again and re-apply the rules
                        }
                        case LedgerOutcome.Failed failed -> throw ApiProblem.unavailable(NOT_RECORDED);
                        case LedgerOutcome.Unknown unknown -> throw ApiProblem.unavailable("The result was being"
                                + " recorded when the deadline passed; the outcome is unknown: repeat the same request"
                                + " to get the recorded result.");
                        default -> throw new IllegalStateException("unexpected ledger outcome " + outcome);
                    }
                }
            }
        }
        throw ApiProblem.conflict("Auction is being changed concurrently; retry.");
    }
}
