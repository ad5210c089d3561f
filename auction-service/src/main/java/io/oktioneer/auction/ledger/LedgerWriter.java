package io.oktioneer.auction.ledger;

import io.oktioneer.auction.auction.AuctionKey;
import io.oktioneer.auction.auction.AuctionStatus;
import io.oktioneer.auction.auction.Reservation;
import io.oktioneer.auction.metrics.AuctionMetrics;
import io.oktioneer.auction.outbox.AuctionEvents;
import io.oktioneer.contracts.engine.EngineCandidate;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The instance's one ledger writer (SPEC §4.5). Request threads submit decided commands and wait; the writer
 * takes what has queued up (at most {@code maxBatch}) and applies it in ONE transaction: claim the auctions,
 * lock the budgets in a fixed order, resolve the batch in memory, write everything in one statement, commit.
 * Each submitter's future completes after that commit, so an answer is never ahead of the database.
 */
public class LedgerWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LedgerWriter.class);

    private final DataSource dataSource;
    private final LedgerStore store = new LedgerStore();
    private final AuctionEvents events;
    private final BatchResolver.Policy policy;
    private final LedgerProperties properties;
    private final AuctionMetrics metrics;
    private final Clock clock;
    private final Runnable afterCommit;
    private final LinkedBlockingQueue<Pending> queue;
    private final ArrayDeque<Pending> carried = new ArrayDeque<>();
    private volatile boolean running;
    private Thread thread;

    private record Pending(LedgerCommand command, CompletableFuture<LedgerOutcome> result) {
    }

    public LedgerWriter(DataSource dataSource, AuctionEvents events, BatchResolver.Policy policy,
                        LedgerProperties properties, AuctionMetrics metrics, Clock clock, Runnable afterCommit) {
        this.dataSource = dataSource;
        this.events = events;
        this.policy = policy;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        this.afterCommit = afterCommit;
        this.queue = new LinkedBlockingQueue<>(properties.queueCapacity());
    }

    /** Queues a command; the future completes once its batch has committed (or failed). */
    public CompletableFuture<LedgerOutcome> submit(LedgerCommand command) {
        Pending pending = new Pending(command, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            pending.result.complete(new LedgerOutcome.Failed(new IllegalStateException("ledger writer not accepting")));
        }
        return pending.result;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("ledger-writer").daemon(true).start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread writer = thread;
        if (writer != null) {
            try {
                writer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (which stops taking requests first) and starts before it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(properties.maxBatch());
        while (true) {
            try {
                Pending first = carried.poll();
                if (first == null) {
                    first = queue.poll(50, TimeUnit.MILLISECONDS);
                }
                if (first == null) {
                    if (!running) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                fill(batch);
                execute(distinctAuctions(batch));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("ledger writer batch failed", e);
                batch.forEach(p -> p.result.complete(new LedgerOutcome.Failed(e)));
            } finally {
                batch.clear();
            }
        }
    }

    private void fill(List<Pending> batch) throws InterruptedException {
        int max = properties.maxBatch();
        while (batch.size() < max && !carried.isEmpty()) {
            batch.add(carried.poll());
        }
        queue.drainTo(batch, max - batch.size());
        long lingerNanos = properties.linger().toNanos();
        if (lingerNanos > 0) {
            long until = System.nanoTime() + lingerNanos;
            while (batch.size() < max) {
                long left = until - System.nanoTime();
                Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    break;
                }
                batch.add(next);
                queue.drainTo(batch, max - batch.size());
            }
        }
    }

    /** One command per auction per batch; the others wait for the next batch (they will see the first's effect). */
    private List<Pending> distinctAuctions(List<Pending> batch) {
        Set<AuctionKey> keys = new HashSet<>();
        List<Pending> distinct = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            if (keys.add(pending.command.key())) {
                distinct.add(pending);
            } else {
                carried.addLast(pending);
            }
        }
        return distinct;
    }

    private void execute(List<Pending> batch) {
        long start = System.nanoTime();
        try {
            complete(batch, transactWithRetry(batch));
        } catch (Exception e) {
            if (batch.size() > 1 && !isConnectionProblem(e)) {
                log.warn("ledger batch of {} failed, applying its commands one by one", batch.size(), e);
                for (Pending pending : batch) {
                    execute(List.of(pending));
                }
                return;
            }
            log.error("ledger command failed", e);
            batch.forEach(p -> p.result.complete(new LedgerOutcome.Failed(e)));
        } finally {
            metrics.batch(batch.size(), System.nanoTime() - start);
        }
        afterCommit.run();
    }

    private Map<Pending, LedgerOutcome> transactWithRetry(List<Pending> batch) throws SQLException {
        try {
            return transact(batch);
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("40")) {
                return transact(batch);
            }
            throw e;
        }
    }

    private Map<Pending, LedgerOutcome> transact(List<Pending> batch) throws SQLException {
        Instant now = clock.instant();
        List<LedgerStore.Claim> claims = new ArrayList<>(batch.size());
        Map<UUID, LedgerStore.BudgetSeed> seeds = new LinkedHashMap<>();
        for (Pending pending : batch) {
            collect(pending.command, claims, seeds);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                LedgerStore.Locked locked = store.claimAndLock(connection, claims, seeds.values(), now);
                List<LedgerCommand> claimed = batch.stream().map(Pending::command)
                        .filter(c -> locked.claimed().contains(c.key())).toList();
                BatchResolver.Plan plan = BatchResolver.resolve(claimed, locked.budgets(), policy, System.nanoTime());
                if (!plan.effects().isEmpty()) {
                    Map<UUID, Double> latencies = new HashMap<>();
                    List<LedgerStore.OutboxRow> rows = new ArrayList<>(plan.effects().size());
                    long at = System.nanoTime();
                    for (BatchResolver.Effect effect : plan.effects()) {
                        Double latency = null;
                        if (effect instanceof BatchResolver.RoundEffect round) {
                            latency = (at - round.command().receivedNanos()) / 1_000_000.0;
                            latencies.put(round.round().decisionId(), latency);
                        }
                        AuctionEvents.Event event = events.of(effect, latency);
                        rows.add(new LedgerStore.OutboxRow(event.envelope().eventId(), event.envelope().type(),
                                effect.command().key().messageKey(), event.json(),
                                effect.command().trace() == null ? null : effect.command().trace().traceparent()));
                    }
                    store.write(connection, plan, rows, latencies, now);
                }
                connection.commit();
                return outcomes(batch, plan);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static void collect(LedgerCommand command, List<LedgerStore.Claim> claims,
                                Map<UUID, LedgerStore.BudgetSeed> seeds) {
        switch (command) {
            case LedgerCommand.PlaceRound place -> {
                claims.add(new LedgerStore.Claim(place.key(), place.round(), AuctionStatus.OPEN));
                Reservation previous = place.previousReservation();
                if (previous != null) {
                    seed(seeds, new LedgerStore.BudgetSeed(previous.preferenceId(), previous.userId(),
                            previous.currency(), null));
                }
                for (EngineCandidate candidate : place.engine().candidates()) {
                    seed(seeds, new LedgerStore.BudgetSeed(candidate.preferenceId(), candidate.userId(),
                            place.terms().currency(), candidate.totalBudget()));
                }
            }
            case LedgerCommand.Settle settle -> {
                claims.add(new LedgerStore.Claim(settle.key(), settle.round(), AuctionStatus.SETTLED));
                seed(seeds, new LedgerStore.BudgetSeed(settle.bid().preferenceId(), settle.bid().userId(),
                        settle.bid().currency(), null));
            }
            case LedgerCommand.Expire expire -> {
                claims.add(new LedgerStore.Claim(expire.key(), expire.round(), AuctionStatus.EXPIRED));
                seed(seeds, new LedgerStore.BudgetSeed(expire.bid().preferenceId(), expire.bid().userId(),
                        expire.bid().currency(), null));
            }
        }
    }

    /** Keeps one seed per preference, preferring one that knows the total budget. */
    private static void seed(Map<UUID, LedgerStore.BudgetSeed> seeds, LedgerStore.BudgetSeed seed) {
        seeds.merge(seed.preferenceId(), seed, (old, now) -> old.totalBudget() == null ? now : old);
    }

    private static Map<Pending, LedgerOutcome> outcomes(List<Pending> batch, BatchResolver.Plan plan) {
        Map<Object, BatchResolver.Effect> byCommand = new HashMap<>();
        plan.effects().forEach(e -> byCommand.put(identity(e.command()), e));
        Map<Pending, LedgerOutcome> outcomes = new IdentityHashMap<>();
        for (Pending pending : batch) {
            BatchResolver.Effect effect = byCommand.get(identity(pending.command));
            outcomes.put(pending, switch (effect) {
                case null -> new LedgerOutcome.Superseded();
                case BatchResolver.RoundEffect r -> new LedgerOutcome.RoundRecorded(r.round());
                case BatchResolver.SettleEffect s -> new LedgerOutcome.ResultRecorded(s.result());
                case BatchResolver.ExpireEffect ignored -> new LedgerOutcome.Expired();
            });
        }
        return outcomes;
    }

    /** What identifies a command within a batch (one command per auction per batch). */
    private static Object identity(LedgerCommand command) {
        return command.key();
    }

    private static void complete(List<Pending> batch, Map<Pending, LedgerOutcome> outcomes) {
        for (Pending pending : batch) {
            pending.result.complete(outcomes.get(pending));
        }
    }

    private static boolean isConnectionProblem(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.debug("rollback failed", e);
        }
    }
}
