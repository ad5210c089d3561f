package io.oktioneer.auction.ledger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.oktioneer.auction.metrics.AuctionMetrics;
import io.oktioneer.support.outbox.OutboxRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The instance's one ledger writer (SPEC §4.5). Request threads submit decided commands and wait; the writer
 * takes what has queued up (at most {@code maxBatch}) and applies it in ONE transaction: claim the auctions,
 * read the budgets, resolve the batch in memory, write everything in one statement that checks no other writer
 * changed those budgets meanwhile, commit ({@link LedgerStore}, {@link BatchWrite}).
 * Each submitter's future completes after that commit, so an answer is never ahead of the database.
 *
 * <p>Deadlines: every command carries one (an evaluation's tmaxMs from receipt). Its submitter waits only until
 * then; a command whose deadline passed before its batch was sent is dropped (known not recorded); one whose
 * batch was in flight answers {@link LedgerOutcome.Unknown}. The writer owns its connection and bounds every
 * batch by the latest deadline it carries: {@code statement_timeout} for the transaction (set in the first
 * round trip) and the socket's network timeout just above it. A lost connection opens a circuit breaker: while
 * it is open batches fail at once instead of each waiting for a connection.
 */
public class LedgerWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LedgerWriter.class);

    /**
     * Attempts at one batch, each within its deadline: after a conflict it is written again from fresh reads. A
     * conflict means another writer committed meanwhile, so the rows read next are newer. No attempt locks the rows
     * while reading: that would bring back the waits of two instances on each other's whole transaction.
     */
    static final int MAX_ATTEMPTS = 5;

    /** How much longer than the statement timeout the socket waits (a server that does not answer at all). */
    private static final long NETWORK_MARGIN_MILLIS = 100;

    private final LedgerConnection connection;
    private final LedgerStore store = new LedgerStore();
    private final CircuitBreaker breaker;
    private final AuctionEvents events;
    private final BatchResolver.Policy policy;
    private final LedgerProperties properties;
    private final AuctionMetrics metrics;
    private final Clock clock;
    /** Receives each commit's outbox rows (the relay publishes them without reading them back). */
    private final Consumer<List<OutboxRecord>> committed;
    private final LedgerQueue queue;
    private volatile boolean running;
    private Thread thread;
    /** Set once a transaction's COMMIT has been sent: a failure after it leaves the outcome unknown. */
    private boolean commitSent;
    /** The outbox rows of the last committed transaction. */
    private List<OutboxRecord> lastCommitted = List.of();

    /** A writer with a breaker of its own (tests, benchmarks); the service's is {@link LedgerConnection#breakers}' and metered. */
    public LedgerWriter(DataSource dataSource, AuctionEvents events, BatchResolver.Policy policy,
                        LedgerProperties properties, AuctionMetrics metrics, Clock clock,
                        Consumer<List<OutboxRecord>> committed) {
        this(dataSource, events, policy, properties, metrics, clock, committed,
                LedgerConnection.breakers(properties).circuitBreaker(LedgerConnection.BREAKER));
    }

    LedgerWriter(DataSource dataSource, AuctionEvents events, BatchResolver.Policy policy,
                 LedgerProperties properties, AuctionMetrics metrics, Clock clock,
                 Consumer<List<OutboxRecord>> committed, CircuitBreaker breaker) {
        this.connection = new LedgerConnection(dataSource);
        this.events = events;
        this.policy = policy;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        this.committed = committed;
        this.queue = new LedgerQueue(properties);
        this.breaker = breaker;
    }

    /** Queues a command that must be applied before {@code deadlineNanos} ({@link System#nanoTime()} scale). */
    public Submission submit(LedgerCommand command, long deadlineNanos) {
        Submission submission = new Submission(command, deadlineNanos);
        if (!running || !queue.offer(submission)) {
            submission.result.complete(new LedgerOutcome.Failed(new IllegalStateException("ledger writer not accepting")));
        }
        return submission;
    }

    /** Submits and waits for the outcome, at most until the deadline. */
    public LedgerOutcome apply(LedgerCommand command, long deadlineNanos) {
        return submit(command, deadlineNanos).await();
    }

    /** False while the database is known to be unreachable (the breaker is open): do not start new work. */
    public boolean available() {
        CircuitBreaker.State state = breaker.getState();
        return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
    }

    public CircuitBreaker breaker() {
        return breaker;
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
        try {
            try {
                connection.get(); // opened now, not in the first request's deadline
            } catch (SQLException e) {
                log.debug("ledger connection not opened at start: {}", e.toString());
            }
            batches();
        } finally {
            connection.drop();
        }
    }

    private void batches() {
        List<Submission> batch = new ArrayList<>(properties.maxBatch());
        while (true) {
            try {
                if (!queue.take(batch, 50)) {
                    if (!running) {
                        return;
                    }
                    continue;
                }
                execute(queue.distinctAuctions(batch));
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

    private void execute(List<Submission> batch) {
        List<Submission> sent = LedgerBatch.sendable(batch);
        if (sent.isEmpty()) {
            return;
        }
        if (!breaker.tryAcquirePermission()) {
            LedgerOutcome down = new LedgerOutcome.Failed(new SQLTransientConnectionException("database unavailable"));
            sent.forEach(p -> p.result.complete(down));
            return;
        }
        long start = System.nanoTime();
        try {
            Map<Submission, LedgerOutcome> outcomes = transactWithRetry(sent);
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            LedgerBatch.complete(sent, outcomes);
            if (!lastCommitted.isEmpty()) {
                committed.accept(lastCommitted);
            }
        } catch (Exception e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            boolean connectionLost = LedgerConnection.isConnectionProblem(e) || LedgerConnection.isCanceled(e);
            boolean unknown = commitSent && connectionLost;
            if (sent.size() > 1 && !connectionLost) {
                log.warn("ledger batch of {} failed, applying its commands one by one", sent.size(), e);
                for (Submission pending : sent) {
                    pending.state.compareAndSet(Submission.SENT, Submission.QUEUED);
                    execute(List.of(pending));
                }
                return;
            }
            if (connectionLost) {
                log.warn("ledger batch of {} failed{}: {}", sent.size(), unknown ? " while committing" : "", e.toString());
            } else {
                log.error("ledger command failed", e);
            }
            LedgerOutcome outcome = unknown ? new LedgerOutcome.Unknown(e) : new LedgerOutcome.Failed(e);
            sent.forEach(p -> p.result.complete(outcome));
        } finally {
            metrics.batch(sent.size(), System.nanoTime() - start);
        }
    }

    /**
     * Writes the batch, again (within its deadline) when a kept connection turned out stale or when another writer
     * changed a budget row the batch read ({@link BatchWrite}): from fresh reads.
     */
    private Map<Submission, LedgerOutcome> transactWithRetry(List<Submission> batch) throws SQLException {
        boolean reused = connection.isOpen();
        for (int attempt = 1; ; attempt++) {
            try {
                return transact(batch);
            } catch (SQLException e) {
                boolean staleConnection = attempt == 1 && reused && !commitSent
                        && LedgerConnection.isConnectionProblem(e);
                boolean conflict = LedgerConnection.isConflict(e);
                if (!(staleConnection || conflict) || attempt == MAX_ATTEMPTS
                        || LedgerBatch.latestDeadline(batch) - System.nanoTime() <= 0) {
                    throw e;
                }
                if (conflict) {
                    metrics.ledgerConflict();
                }
            }
        }
    }

    private Map<Submission, LedgerOutcome> transact(List<Submission> batch) throws SQLException {
        commitSent = false;
        lastCommitted = List.of();
        Instant now = clock.instant();
        List<LedgerStore.Claim> claims = new ArrayList<>(batch.size());
        Map<UUID, LedgerStore.BudgetSeed> seeds = new LinkedHashMap<>();
        for (Submission pending : batch) {
            LedgerBatch.collect(pending.command, claims, seeds);
        }
        long timeoutMillis = Math.max(1,
                TimeUnit.NANOSECONDS.toMillis(LedgerBatch.latestDeadline(batch) - System.nanoTime()));
        Connection db = connection.get();
        try {
            db.setNetworkTimeout(null, (int) Math.min(Integer.MAX_VALUE, timeoutMillis + NETWORK_MARGIN_MILLIS));
            LedgerStore.Claimed read = store.claimAndRead(db, claims, seeds.values(), now, timeoutMillis);
            List<LedgerCommand> claimed = batch.stream().map(p -> p.command)
                    .filter(c -> read.claimed().contains(c.key())).toList();
            BatchResolver.Plan plan = BatchResolver.resolve(claimed, read.budgets(), policy, System.nanoTime());
            if (!plan.effects().isEmpty()) {
                Map<UUID, Double> latencies = new HashMap<>();
                List<LedgerStore.OutboxRow> rows = LedgerBatch.outboxRows(plan, events, latencies);
                commitSent = true;
                BatchWrite.Written written = store.write(db, plan, rows, latencies, now);
                db.commit();
                lastCommitted = LedgerBatch.records(rows, written);
            } else {
                db.commit();
            }
            return LedgerBatch.outcomes(batch, plan);
        } catch (SQLException | RuntimeException e) {
            if (LedgerConnection.isConnectionProblem(e) || db.isClosed()) {
                connection.drop();
            } else {
                LedgerConnection.rollbackQuietly(db);
            }
            throw e;
        }
    }
}
