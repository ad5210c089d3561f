package io.oktioneer.auction.ledger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.oktioneer.auction.auction.AuctionKey;
import io.oktioneer.auction.auction.AuctionStatus;
import io.oktioneer.auction.auction.Reservation;
import io.oktioneer.auction.metrics.AuctionMetrics;
import io.oktioneer.auction.outbox.OutboxRecord;
import io.oktioneer.contracts.engine.EngineCandidate;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The instance's one ledger writer (SPEC §4.5). Request threads submit decided commands and wait; the writer
 * takes what has queued up (at most {@code maxBatch}) and applies it in ONE transaction: claim the auctions,
 * lock the budgets in a fixed order, resolve the batch in memory, write everything in one statement, commit.
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

    static final String BREAKER = "ledger-database";

    /** How much longer than the statement timeout the socket waits (a server that does not answer at all). */
    private static final long NETWORK_MARGIN_MILLIS = 100;

    private final DataSource dataSource;
    private final LedgerStore store = new LedgerStore();
    private final CircuitBreaker breaker;
    private final AuctionEvents events;
    private final BatchResolver.Policy policy;
    private final LedgerProperties properties;
    private final AuctionMetrics metrics;
    private final Clock clock;
    /** Receives each commit's outbox rows (the relay publishes them without reading them back). */
    private final Consumer<List<OutboxRecord>> committed;
    private final LinkedBlockingQueue<Submission> queue;
    private final ArrayDeque<Submission> carried = new ArrayDeque<>();
    private volatile boolean running;
    private Thread thread;
    /** The writer thread's connection, kept across batches; null after a connection failure. */
    private Connection connection;
    /** Set once a transaction's COMMIT has been sent: a failure after it leaves the outcome unknown. */
    private boolean commitSent;
    /** The outbox rows of the last committed transaction. */
    private List<OutboxRecord> lastCommitted = List.of();

    /** A submitted command and its deadline; its submitter waits on it with {@link #await()}. */
    public static final class Submission {
        private static final int QUEUED = 0;
        private static final int SENT = 1;
        private static final int ABANDONED = 2;

        private final LedgerCommand command;
        private final long deadlineNanos;
        private final CompletableFuture<LedgerOutcome> result = new CompletableFuture<>();
        private final AtomicInteger state = new AtomicInteger(QUEUED);

        private Submission(LedgerCommand command, long deadlineNanos) {
            this.command = command;
            this.deadlineNanos = deadlineNanos;
        }

        /**
         * The outcome, waiting at most until the deadline. Past it, a command not yet sent is withdrawn (Failed:
         * it will not be recorded); one whose batch is in flight is {@link LedgerOutcome.Unknown}.
         */
        public LedgerOutcome await() {
            try {
                return result.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (state.compareAndSet(QUEUED, ABANDONED)) {
                    return new LedgerOutcome.Failed(new TimeoutException("deadline passed before the batch was sent"));
                }
                LedgerOutcome late = result.getNow(null);
                return late != null ? late : new LedgerOutcome.Unknown(
                        new TimeoutException("deadline passed while the batch was in flight"));
            } catch (ExecutionException e) {
                return new LedgerOutcome.Failed(e);
            }
        }

        private boolean send() {
            return state.compareAndSet(QUEUED, SENT);
        }
    }

    /** A writer with a breaker of its own (tests, benchmarks); the service's is {@link #breakers}' and metered. */
    public LedgerWriter(DataSource dataSource, AuctionEvents events, BatchResolver.Policy policy,
                        LedgerProperties properties, AuctionMetrics metrics, Clock clock,
                        Consumer<List<OutboxRecord>> committed) {
        this(dataSource, events, policy, properties, metrics, clock, committed,
                breakers(properties).circuitBreaker(BREAKER));
    }

    LedgerWriter(DataSource dataSource, AuctionEvents events, BatchResolver.Policy policy,
                 LedgerProperties properties, AuctionMetrics metrics, Clock clock,
                 Consumer<List<OutboxRecord>> committed, CircuitBreaker breaker) {
        this.dataSource = dataSource;
        this.events = events;
        this.policy = policy;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        this.committed = committed;
        this.queue = new LinkedBlockingQueue<>(properties.queueCapacity());
        this.breaker = breaker;
    }

    /**
     * The breaker's settings: opened by a lost connection (any connection problem, 1 of the last 5 batches is
     * enough), it fails batches at once for {@code circuitOpenFor}, then lets one batch probe the database.
     */
    static CircuitBreakerRegistry breakers(LedgerProperties properties) {
        return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(5)
                .minimumNumberOfCalls(1)
                .failureRateThreshold(50)
                .waitDurationInOpenState(properties.circuitOpenFor())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(LedgerWriter::isConnectionProblem)
                .build());
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
                connection(); // opened now, not in the first request's deadline
            } catch (SQLException e) {
                log.debug("ledger connection not opened at start: {}", e.toString());
            }
            batches();
        } finally {
            dropConnection();
        }
    }

    private void batches() {
        List<Submission> batch = new ArrayList<>(properties.maxBatch());
        while (true) {
            try {
                Submission first = carried.poll();
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

    private void fill(List<Submission> batch) throws InterruptedException {
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
                Submission next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    break;
                }
                batch.add(next);
                queue.drainTo(batch, max - batch.size());
            }
        }
    }

    /** One command per auction per batch; the others wait for the next batch (they will see the first's effect). */
    private List<Submission> distinctAuctions(List<Submission> batch) {
        Set<AuctionKey> keys = new HashSet<>();
        List<Submission> distinct = new ArrayList<>(batch.size());
        for (Submission pending : batch) {
            if (keys.add(pending.command.key())) {
                distinct.add(pending);
            } else {
                carried.addLast(pending);
            }
        }
        return distinct;
    }

    private void execute(List<Submission> batch) {
        List<Submission> sent = sendable(batch);
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
            complete(sent, outcomes);
            if (!lastCommitted.isEmpty()) {
                committed.accept(lastCommitted);
            }
        } catch (Exception e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            boolean unknown = commitSent && (isConnectionProblem(e) || isCanceled(e));
            if (sent.size() > 1 && !isConnectionProblem(e) && !isCanceled(e)) {
                log.warn("ledger batch of {} failed, applying its commands one by one", sent.size(), e);
                for (Submission pending : sent) {
                    pending.state.compareAndSet(Submission.SENT, Submission.QUEUED);
                    execute(List.of(pending));
                }
                return;
            }
            if (isConnectionProblem(e) || isCanceled(e)) {
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
     * The commands still worth sending, now marked sent: one whose submitter gave up, or whose deadline has
     * passed, is dropped (known not recorded).
     */
    private static List<Submission> sendable(List<Submission> batch) {
        long now = System.nanoTime();
        List<Submission> sendable = new ArrayList<>(batch.size());
        for (Submission submission : batch) {
            if (submission.deadlineNanos - now <= 0 && submission.state.compareAndSet(Submission.QUEUED, Submission.ABANDONED)) {
                submission.result.complete(new LedgerOutcome.Failed(new TimeoutException("deadline passed in the queue")));
            } else if (submission.send()) {
                sendable.add(submission);
            } else {
                submission.result.complete(new LedgerOutcome.Failed(new TimeoutException("withdrawn at its deadline")));
            }
        }
        return sendable;
    }

    private Map<Submission, LedgerOutcome> transactWithRetry(List<Submission> batch) throws SQLException {
        boolean reused = connection != null;
        try {
            return transact(batch);
        } catch (SQLException e) {
            boolean staleConnection = reused && !commitSent && isConnectionProblem(e);
            boolean serialization = e.getSQLState() != null && e.getSQLState().startsWith("40");
            if ((staleConnection || serialization) && latestDeadline(batch) - System.nanoTime() > 0) {
                return transact(batch);
            }
            throw e;
        }
    }

    private static long latestDeadline(List<Submission> batch) {
        long latest = batch.getFirst().deadlineNanos;
        for (Submission submission : batch) {
            if (submission.deadlineNanos - latest > 0) {
                latest = submission.deadlineNanos;
            }
        }
        return latest;
    }

    private Map<Submission, LedgerOutcome> transact(List<Submission> batch) throws SQLException {
        commitSent = false;
        lastCommitted = List.of();
        Instant now = clock.instant();
        List<LedgerStore.Claim> claims = new ArrayList<>(batch.size());
        Map<UUID, LedgerStore.BudgetSeed> seeds = new LinkedHashMap<>();
        for (Submission pending : batch) {
            collect(pending.command, claims, seeds);
        }
        long timeoutMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(latestDeadline(batch) - System.nanoTime()));
        Connection connection = connection();
        try {
            connection.setNetworkTimeout(null, (int) Math.min(Integer.MAX_VALUE, timeoutMillis + NETWORK_MARGIN_MILLIS));
            LedgerStore.Locked locked = store.claimAndLock(connection, claims, seeds.values(), now, timeoutMillis);
            List<LedgerCommand> claimed = batch.stream().map(p -> p.command)
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
                commitSent = true;
                Map<UUID, Long> ids = store.write(connection, plan, rows, latencies, now);
                connection.commit();
                List<OutboxRecord> records = new ArrayList<>(rows.size());
                for (LedgerStore.OutboxRow row : rows) {
                    records.add(new OutboxRecord(ids.get(row.eventId()), row.messageKey(), row.payload(),
                            row.traceparent()));
                }
                lastCommitted = records;
            } else {
                connection.commit();
            }
            return outcomes(batch, plan);
        } catch (SQLException | RuntimeException e) {
            if (isConnectionProblem(e) || connection.isClosed()) {
                dropConnection();
            } else {
                rollbackQuietly(connection);
            }
            throw e;
        }
    }

    /** The writer's connection, opened when there is none (the first batch, or after a connection failure). */
    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection opened = dataSource.getConnection();
            try {
                opened.setAutoCommit(false);
            } catch (SQLException e) {
                opened.close();
                throw e;
            }
            connection = opened;
        }
        return connection;
    }

    private void dropConnection() {
        Connection dropped = connection;
        connection = null;
        if (dropped != null) {
            try {
                dropped.close();
            } catch (SQLException e) {
                log.debug("closing the ledger connection failed", e);
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

    private static Map<Submission, LedgerOutcome> outcomes(List<Submission> batch, BatchResolver.Plan plan) {
        Map<Object, BatchResolver.Effect> byCommand = new HashMap<>();
        plan.effects().forEach(e -> byCommand.put(identity(e.command()), e));
        Map<Submission, LedgerOutcome> outcomes = new IdentityHashMap<>();
        for (Submission pending : batch) {
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

    private static void complete(List<Submission> batch, Map<Submission, LedgerOutcome> outcomes) {
        for (Submission pending : batch) {
            pending.result.complete(outcomes.get(pending));
        }
    }

    /** The connection is gone or unusable: SQLState class 08, a terminated session (57P01-57P03), a socket time-out. */
    static boolean isConnectionProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SocketTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    /** The statement time-out (the batch's latest deadline) cancelled the transaction. */
    private static boolean isCanceled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "57014".equals(sql.getSQLState())) {
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
