package io.oktioneer.auction.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.oktioneer.auction.auction.AuctionType;
import io.oktioneer.auction.auction.Decision;
import io.oktioneer.auction.auction.NoBidReason;
import io.oktioneer.auction.auction.ResultOutcome;
import io.oktioneer.contracts.auction.Item;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.springframework.stereotype.Component;

/**
 * The auction-service's meters, named as docs/metrics.md says. Every series with known tag values is
 * registered at start so dashboards have data on a fresh platform.
 */
@Component
public class AuctionMetrics {

    /** The reason tag of a BID. */
    private static final String NO_REASON = "none";
    private static final List<String> ENGINE_OUTCOMES = List.of("ok", "timeout", "error", "circuit_open");
    private static final List<String> KNOWN_CURRENCIES = List.of("EUR", "USD");
    /** Distinct label values kept per breakdown (later ones count as {@code _other}); see docs/metrics.md. */
    static final int MAX_EXCHANGES = 50;
    static final int MAX_CATEGORIES = 200;
    static final int MAX_BRANDS = 500;
    private static final Duration[] SLO = {Duration.ofMillis(1), Duration.ofMillis(2).plusNanos(500_000),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000)};

    private final MeterRegistry registry;
    private final Map<String, Timer> decisionLatency = new ConcurrentHashMap<>();
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final Map<String, Counter> bidAmounts = new ConcurrentHashMap<>();
    private final Map<String, Counter> spend = new ConcurrentHashMap<>();
    private final Map<String, Counter> results = new ConcurrentHashMap<>();
    private final Map<String, Counter> engineCalls = new ConcurrentHashMap<>();
    private final Map<String, Counter> breakdown = new ConcurrentHashMap<>();
    private final BoundedLabel exchanges = new BoundedLabel(MAX_EXCHANGES);
    private final BoundedLabel categories = new BoundedLabel(MAX_CATEGORIES);
    private final BoundedLabel brands = new BoundedLabel(MAX_BRANDS);
    private final Counter expired;
    private final Counter evaluationsRejected;
    private final Counter engineFailovers;
    private final Counter ledgerConflicts;
    private final DistributionSummary batchSize;
    private final Timer commitLatency;

    public AuctionMetrics(MeterRegistry registry) {
        this.registry = registry;
        String bid = Decision.BID.name();
        String noBid = Decision.NO_BID.name();
        latencyTimer(bid, NO_REASON);
        for (AuctionType type : AuctionType.values()) {
            decisionCounter(bid, NO_REASON, type.name());
        }
        for (NoBidReason reason : NoBidReason.values()) {
            latencyTimer(noBid, reason.name());
            for (AuctionType type : AuctionType.values()) {
                decisionCounter(noBid, reason.name(), type.name());
            }
        }
        for (ResultOutcome outcome : ResultOutcome.values()) {
            resultCounter(outcome.name());
        }
        ENGINE_OUTCOMES.forEach(this::engineCounter);
        KNOWN_CURRENCIES.forEach(c -> {
            bidAmountCounter(c);
            spendCounter(c);
        });
        engineFailovers = Counter.builder("oktioneer.engine.failovers")
                .description("Engine calls taken to another instance after one gave no answer").register(registry);
        expired = Counter.builder("oktioneer.reservations.expired").description("Reservations released by expiry")
                .register(registry);
        evaluationsRejected = Counter.builder("oktioneer.evaluations.rejected")
                .description("Evaluations refused with 503 past the in-flight limit").register(registry);
        ledgerConflicts = Counter.builder("oktioneer.ledger.conflicts")
                .description("Ledger batch attempts written again: a budget no longer held the change after another"
                        + " writer's, or a serialization failure or deadlock")
                .register(registry);
        batchSize = DistributionSummary.builder("oktioneer.ledger.batch.size")
                .description("Ledger commands per group commit").publishPercentileHistogram().register(registry);
        commitLatency = Timer.builder("oktioneer.ledger.commit.latency")
                .description("Time of one ledger group commit").publishPercentileHistogram().register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** One answered evaluation (replays included: the caller got a decision). */
    public void decided(Decision decision, NoBidReason reason, AuctionType type, long nanos) {
        String reasonTag = reason == null ? NO_REASON : reason.name();
        latencyTimer(decision.name(), reasonTag).record(nanos, TimeUnit.NANOSECONDS);
        decisionCounter(decision.name(), reasonTag, type.name()).increment();
    }

    public void bid(String currency, BigDecimal amount) {
        bidAmountCounter(currency).increment(amount.doubleValue());
    }

    /** One recorded result; a win also counts, with its spend, by exchange, category and brand. */
    public void result(ResultOutcome outcome, String currency, BigDecimal clearingPrice, String exchange, Item item) {
        resultCounter(outcome.name()).increment();
        if (outcome != ResultOutcome.WON || clearingPrice == null) {
            return;
        }
        double spent = clearingPrice.doubleValue();
        spendCounter(currency).increment(spent);
        won("exchange", exchanges.of(exchange), currency, spent);
        won("category", categories.of(item.category()), currency, spent);
        won("brand", brands.of(item.brand()), currency, spent);
    }

    private void won(String dimension, String value, String currency, double spent) {
        breakdown.computeIfAbsent(dimension + "|" + value, k -> Counter.builder("oktioneer." + dimension + ".wins")
                .description("WON results by " + dimension).tag(dimension, value).register(registry)).increment();
        breakdown.computeIfAbsent(dimension + "|" + value + "|" + currency, k -> Counter.builder(
                        "oktioneer." + dimension + ".spend").description("Sum of WON clearing prices by " + dimension)
                .tags(dimension, value, "currency", currency).register(registry)).increment(spent);
    }

    /** Publishes how many evaluations are being worked on (the in-flight limit's occupancy). */
    public void evaluationsInFlight(IntSupplier inFlight) {
        Gauge.builder("oktioneer.evaluations.in.flight", inFlight, IntSupplier::getAsInt)
                .description("Evaluations being worked on").strongReference(true).register(registry);
    }

    public void evaluationRejected() {
        evaluationsRejected.increment();
    }

    public void engineCall(String outcome) {
        engineCounter(outcome).increment();
    }

    /** An engine instance gave no answer and the call went on to another one. */
    public void engineFailover() {
        engineFailovers.increment();
    }

    /** Publishes how many engine instances are skipped (their breaker open). */
    public void engineInstancesOpen(IntSupplier open) {
        Gauge.builder("oktioneer.engine.instances.open", open, IntSupplier::getAsInt)
                .description("Decision-engine instances skipped, their circuit breaker open").strongReference(true)
                .register(registry);
    }

    public void expired(int count) {
        expired.increment(count);
    }

    /** A ledger batch met another writer's change of a budget it read and is written again. */
    public void ledgerConflict() {
        ledgerConflicts.increment();
    }

    public void batch(int size, long nanos) {
        batchSize.record(size);
        commitLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer latencyTimer(String decision, String reason) {
        return decisionLatency.computeIfAbsent(decision + "|" + reason, k -> Timer.builder("oktioneer.decision.latency")
                .description("Evaluate latency, request received to answer")
                .tags("decision", decision, "reason", reason).serviceLevelObjectives(SLO)
                .register(registry));
    }

    private Counter decisionCounter(String decision, String reason, String type) {
        return decisions.computeIfAbsent(decision + "|" + reason + "|" + type, k -> Counter.builder("oktioneer.decisions")
                .tags("decision", decision, "reason", reason, "auction_type", type).register(registry));
    }

    private Counter bidAmountCounter(String currency) {
        return bidAmounts.computeIfAbsent(currency, c -> Counter.builder("oktioneer.bids.amount")
                .description("Sum of BID amounts").tag("currency", c).register(registry));
    }

    private Counter spendCounter(String currency) {
        return spend.computeIfAbsent(currency, c -> Counter.builder("oktioneer.spend")
                .description("Sum of WON clearing prices").tag("currency", c).register(registry));
    }

    private Counter resultCounter(String outcome) {
        return results.computeIfAbsent(outcome, o -> Counter.builder("oktioneer.results").tag("outcome", o)
                .register(registry));
    }

    private Counter engineCounter(String outcome) {
        return engineCalls.computeIfAbsent(outcome, o -> Counter.builder("oktioneer.engine.calls")
                .tag("outcome", o).register(registry));
    }
}
