package io.oktioneer.auction.evaluation;

import io.oktioneer.auction.auction.AuctionSnapshot;
import io.oktioneer.auction.auction.AuctionStore;
import io.oktioneer.auction.auction.AuctionTerms;
import io.oktioneer.auction.auction.NoBidReason;
import io.oktioneer.auction.engine.EngineCall;
import io.oktioneer.auction.engine.EngineClient;
import io.oktioneer.auction.engine.EngineProperties;
import io.oktioneer.auction.ledger.Candidates;
import io.oktioneer.auction.ledger.EngineDecision;
import io.oktioneer.auction.ledger.LedgerCommand;
import io.oktioneer.auction.ledger.LedgerOutcome;
import io.oktioneer.auction.ledger.LedgerWriter;
import io.oktioneer.auction.metrics.AuctionMetrics;
import io.oktioneer.auction.outbox.TraceContexts;
import io.oktioneer.auction.web.ApiProblem;
import io.oktioneer.contracts.engine.EngineCandidate;
import io.oktioneer.contracts.engine.EngineRequest;
import io.oktioneer.contracts.engine.EngineResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The evaluate use case. The first attempt assumes a new auction (the common case: no read before the engine
 * call); when the ledger writer finds the auction already there, the auction is read and SPEC §3's rules decide
 * between replay, new round and 409. The decision is recorded before tmaxMs (from receipt) or the answer is a 503:
 * "could not be recorded" when it is known not to be, "outcome unknown" when its commit was in flight (repeating
 * the same request returns what was recorded).
 */
@Service
public class EvaluationService {

    static final int MAX_ATTEMPTS = 5;
    static final String NOT_RECORDED = "The decision could not be recorded (database unavailable or too slow); retry.";
    static final String OUTCOME_UNKNOWN = "The decision was being recorded when the deadline passed; the outcome is"
            + " unknown: repeat the same request to get the recorded decision.";
    /** The engine's outcome when it has candidates; any other is its NO_BID reason. */
    static final String CANDIDATES = "CANDIDATES";

    private final AuctionStore auctions;
    private final EngineClient engine;
    private final EngineProperties engineProperties;
    private final LedgerWriter ledger;
    private final AuctionMetrics metrics;
    private final TraceContexts traces;
    private final Clock clock;

    public EvaluationService(AuctionStore auctions, EngineClient engine, EngineProperties engineProperties,
                             LedgerWriter ledger, AuctionMetrics metrics, TraceContexts traces, Clock clock) {
        this.auctions = auctions;
        this.engine = engine;
        this.engineProperties = engineProperties;
        this.ledger = ledger;
        this.metrics = metrics;
        this.traces = traces;
        this.clock = clock;
    }

    public Evaluation evaluate(AuctionTerms terms, long receivedNanos) {
        long deadline = receivedNanos + terms.tmaxMs() * 1_000_000L;
        AuctionSnapshot current = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (attempt > 0) {
                current = auctions.find(terms.key());
            }
            switch (RoundRules.plan(current, terms)) {
                case RoundPlan.Replay replay -> {
                    return answered(new Evaluation(replay.round(), true), terms, receivedNanos);
                }
                case RoundPlan.Conflict conflict -> throw ApiProblem.conflict(conflict.detail());
                case RoundPlan.NewRound next -> {
                    if (!ledger.available()) {
                        throw ApiProblem.unavailable(NOT_RECORDED);
                    }
                    LedgerOutcome outcome = ledger.apply(new LedgerCommand.PlaceRound(terms, next.round(),
                            next.previousReservation(), UUID.randomUUID(), now(), decide(terms, receivedNanos),
                            receivedNanos, traces.current()), deadline);
                    switch (outcome) {
                        case LedgerOutcome.RoundRecorded recorded -> {
                            if (recorded.round().isBid()) {
                                metrics.bid(terms.currency(), recorded.round().bid().amount());
                            }
                            return answered(new Evaluation(recorded.round(), false), terms, receivedNanos);
                        }
                        case LedgerOutcome.Superseded ignored -> {
                            // the auction moved on meanwhile: read it and apply the rules again
                        }
                        case LedgerOutcome.Failed failed -> throw ApiProblem.unavailable(NOT_RECORDED);
                        case LedgerOutcome.Unknown unknown -> throw ApiProblem.unavailable(OUTCOME_UNKNOWN);
                        default -> throw new IllegalStateException("unexpected ledger outcome " + outcome);
                    }
                }
            }
        }
        throw ApiProblem.conflict("Auction is being changed concurrently; retry.");
    }

    private Evaluation answered(Evaluation evaluation, AuctionTerms terms, long receivedNanos) {
        metrics.decided(evaluation.round().decision(), evaluation.round().reason(), terms.auctionType(),
                System.nanoTime() - receivedNanos);
        return evaluation;
    }

    /** The engine's ranked candidates, or why there is no bid; never longer than the deadline allows. */
    EngineDecision decide(AuctionTerms terms, long receivedNanos) {
        if (terms.closedAt(clock.instant())) {
            return EngineDecision.noBid(NoBidReason.AUCTION_CLOSED, null);
        }
        var budget = Deadline.engineBudget(terms.tmaxMs(), System.nanoTime() - receivedNanos,
                engineProperties.writeReserve());
        EngineCall call = engine.decide(new EngineRequest(terms.key().exchange(), terms.key().auctionId(),
                terms.item().category(), terms.item().brand(), terms.floorPrice(), terms.currency(),
                terms.auctionType().name(), terms.minIncrement(), engineProperties.maxCandidates()), budget);
        return switch (call) {
            case EngineCall.Answered answered -> fromEngine(answered.response(), terms, answered.millis());
            case EngineCall.TimedOut timedOut -> EngineDecision.noBid(NoBidReason.TIMEOUT, called(timedOut));
            case EngineCall.Unavailable unavailable -> EngineDecision.noBid(NoBidReason.ENGINE_UNAVAILABLE,
                    called(unavailable));
        };
    }

    private static Double called(EngineCall call) {
        return call.nanos() == 0 ? null : call.millis();
    }

    static EngineDecision fromEngine(EngineResponse response, AuctionTerms terms, double millis) {
        if (response == null || response.outcome() == null) {
            return EngineDecision.noBid(NoBidReason.ENGINE_UNAVAILABLE, millis);
        }
        if (!CANDIDATES.equals(response.outcome())) {
            return EngineDecision.noBid(NoBidReason.ofEngine(response.outcome()), millis);
        }
        List<EngineCandidate> usable = response.candidates() == null ? List.of() : response.candidates().stream()
                .filter(c -> Candidates.usable(c, terms.floorPrice())).toList();
        if (usable.isEmpty()) {
            return EngineDecision.noBid(NoBidReason.BUDGET_EXHAUSTED, millis);
        }
        return EngineDecision.candidates(Math.max(response.eligible(), usable.size()), usable, millis);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
